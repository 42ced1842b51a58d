package id.go.bkn.epupns.captcha;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Draws a captcha text as a small PNG (200x60, readable on a phone): each symbol in its own font,
 * size, rotation and height, over a noisy background, crossed by lines and arcs. Blocking CPU work:
 * run it on a worker pool.
 */
final class CaptchaImage {

  static {
    // A server has no display; AWT must not look for one.
    System.setProperty("java.awt.headless", "true");
  }

  static final int WIDTH = 200;
  static final int HEIGHT = 60;
  private static final String[] FONTS = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};

  private final Random random = new SecureRandom();

  byte[] png(String text) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      background(g);
      noiseLines(g, 4, 1f);
      symbols(g, text);
      noiseLines(g, 2, 1.6f);
      dots(g, 220);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void background(Graphics2D g) {
    g.setPaint(new GradientPaint(0, 0, light(), WIDTH, HEIGHT, light()));
    g.fillRect(0, 0, WIDTH, HEIGHT);
  }

  private void symbols(Graphics2D g, String text) {
    int slot = (WIDTH - 20) / text.length();
    for (int i = 0; i < text.length(); i++) {
      Font font = new Font(FONTS[random.nextInt(FONTS.length)], Font.BOLD, 30 + random.nextInt(8));
      g.setFont(font);
      g.setColor(dark());
      double x = 10 + i * slot + random.nextInt(Math.max(1, slot - 24));
      double y = 40 + random.nextInt(12) - 6;
      AffineTransform saved = g.getTransform();
      g.translate(x, y);
      g.rotate(Math.toRadians(random.nextInt(51) - 25));
      g.shear((random.nextDouble() - 0.5) * 0.4, 0);
      g.drawString(String.valueOf(text.charAt(i)), 0, 0);
      g.setTransform(saved);
    }
  }

  private void noiseLines(Graphics2D g, int count, float width) {
    g.setStroke(new BasicStroke(width));
    for (int i = 0; i < count; i++) {
      g.setColor(mid());
      if (random.nextBoolean()) {
        g.drawLine(random.nextInt(WIDTH / 3), random.nextInt(HEIGHT), WIDTH - random.nextInt(WIDTH / 3),
            random.nextInt(HEIGHT));
      } else {
        g.drawArc(random.nextInt(WIDTH / 2) - 20, random.nextInt(HEIGHT / 2) - 10, 80 + random.nextInt(120),
            30 + random.nextInt(40), random.nextInt(360), 90 + random.nextInt(180));
      }
    }
  }

  private void dots(Graphics2D g, int count) {
    for (int i = 0; i < count; i++) {
      g.setColor(random.nextBoolean() ? mid() : light());
      g.fillRect(random.nextInt(WIDTH), random.nextInt(HEIGHT), 1 + random.nextInt(2), 1 + random.nextInt(2));
    }
  }

  private Color light() {
    return new Color(215 + random.nextInt(40), 215 + random.nextInt(40), 215 + random.nextInt(40));
  }

  private Color mid() {
    return new Color(90 + random.nextInt(90), 90 + random.nextInt(90), 90 + random.nextInt(90));
  }

  private Color dark() {
    return new Color(random.nextInt(90), random.nextInt(90), random.nextInt(110));
  }
}
