package id.go.bkn.epupns.core.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one check of every text a client sends (query and path, JSON names and strings, multipart names and
 * fields): no NUL or other control character, no lone surrogate, no Unicode non-character (U+FFFE, U+FFFF,
 * U+FDD0..U+FDEF). PostgreSQL refuses NUL (22021, a 500 before this check), a lone surrogate would be stored
 * as '?', and none of them is text a person typed. Tab, CR and LF are allowed only where text may span lines
 * (JSON strings and multipart fields). Refused with a 400 naming the field, before any costly work.
 */
public final class TextInput {

  private TextInput() {
  }

  /** Where the text is: single-line (names, query, path) or possibly multi-line (values). */
  public enum Lines { SINGLE, MULTI }

  /** True when the text holds nothing this service refuses. */
  public static boolean acceptable(String text, Lines lines) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        continue; // the common case: printable ASCII
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
          if ((codePoint & 0xFFFE) == 0xFFFE) {
            return false; // U+1FFFE, U+1FFFF, ... non-characters of the other planes
          }
          i++;
          continue;
        }
        return false;
      }
      if (Character.isLowSurrogate(c)) {
        return false;
      }
      if (c == '\t' || c == '\n' || c == '\r') {
        if (lines == Lines.SINGLE) {
          return false;
        }
        continue;
      }
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF)) {
        return false;
      }
    }
    return true;
  }

  public static ApiError refused(String field) {
    String message = "Isian " + field + " memuat karakter yang tidak diizinkan (karakter kendali atau bukan teks).";
    return ApiError.field(field, message);
  }

  /** Throws the 400 naming the field when the text is refused. */
  public static void require(String field, String text, Lines lines) {
    if (!acceptable(text, lines)) {
      throw refused(field);
    }
  }

  /** Every member name and string of a JSON document; the field is named by its path (fields.alamat.correction). */
  public static void requireJson(Object value, String path) {
    if (value instanceof String text) {
      require(path.isEmpty() ? "body" : path, text, Lines.MULTI);
    } else if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> member : object) {
        String name = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
        if (!acceptable(member.getKey(), Lines.SINGLE)) {
          throw refused(path.isEmpty() ? "body" : path);
        }
        requireJson(member.getValue(), name);
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        requireJson(array.getValue(i), (path.isEmpty() ? "body" : path) + "[" + i + "]");
      }
    }
  }

  /** Multipart form fields and file names, once the body handler has read them. */
  public static void requireMultipart(RoutingContext ctx) {
    MultiMap attributes = ctx.request().formAttributes();
    for (Map.Entry<String, String> attribute : attributes) {
      require(attribute.getKey(), attribute.getKey(), Lines.SINGLE);
      require(attribute.getKey(), attribute.getValue(), Lines.MULTI);
    }
    for (FileUpload upload : ctx.fileUploads()) {
      require(upload.name(), upload.name(), Lines.SINGLE);
      require(upload.name(), upload.fileName(), Lines.SINGLE);
    }
  }

  /**
   * The edge check of every API request: the path (percent-decoded as UTF-8) and every query parameter, before
   * any route runs (so before authentication, captchas, hashing and SQL). Pages read their query in the browser.
   */
  public static Handler<RoutingContext> edge() {
    return ctx -> {
      if (ctx.request().path() == null || !ctx.request().path().startsWith("/api/")) {
        ctx.next();
        return;
      }
      String path = decodePath(ctx.request().path());
      if (path == null || !acceptable(path, Lines.SINGLE)) {
        ctx.fail(refused("path"));
        return;
      }
      MultiMap query;
      try {
        query = ctx.queryParams();
      } catch (RuntimeException e) {
        ctx.fail(ApiError.field("query", "Parameter alamat (query) tidak dapat dibaca."));
        return;
      }
      for (Map.Entry<String, String> param : query) {
        if (!acceptable(param.getKey(), Lines.SINGLE) || !acceptable(param.getValue(), Lines.SINGLE)) {
          ctx.fail(refused(acceptable(param.getKey(), Lines.SINGLE) ? param.getKey() : "query"));
          return;
        }
      }
      ctx.next();
    };
  }

  /** The path with %XX escapes decoded as strict UTF-8; null when the escapes are not UTF-8. */
  static String decodePath(String raw) {
    if (raw == null || raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
        bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
