package id.go.bkn.epupns.core.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service settings: config/application.yaml, then config/application-&lt;profile&gt;.yaml,
 * then an optional extra file (EPUPNS_EXTRA_CONFIG), then environment variables.
 * Every leaf key has one environment variable: EPUPNS_ + its path in SCREAMING_SNAKE_CASE.
 */
public final class AppConfig {

  public static final String ENV_PREFIX = "EPUPNS_";

  private final JsonObject json;

  public AppConfig(JsonObject json) {
    this.json = json;
  }

  /**
   * For the jar's commands, on their own thread (never an event loop): loads the configuration as the service
   * does, waiting up to 30 s; a broken configuration is an IllegalStateException naming the cause.
   */
  public static AppConfig loadNow(Map<String, String> env) {
    Vertx vertx = Vertx.vertx();
    try {
      return load(vertx, env).toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("configuration: " + cause.getMessage(), cause);
    } finally {
      vertx.close();
    }
  }

  /** Loads files and environment; the result is what every verticle receives as its config. */
  public static Future<AppConfig> load(Vertx vertx, Map<String, String> env) {
    String dir = env.getOrDefault("EPUPNS_CONFIG_DIR", "config");
    String profile = env.getOrDefault("EPUPNS_PROFILE", "dev");
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0);
    List<String> files = new ArrayList<>();
    files.add(dir + "/application.yaml");
    files.add(dir + "/application-" + profile + ".yaml");
    if (env.containsKey("EPUPNS_EXTRA_CONFIG")) {
      files.add(env.get("EPUPNS_EXTRA_CONFIG"));
    }
    if (!Files.isRegularFile(Path.of(files.get(0)))) {
      return Future.failedFuture(new IllegalStateException(
          "configuration file " + files.get(0) + " not found (set EPUPNS_CONFIG_DIR)"));
    }
    for (String file : files) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("yaml")
          .setOptional(!file.equals(files.get(0)))
          .setConfig(new JsonObject().put("path", file)));
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(retriever::close)
        .map(fileConfig -> {
          JsonObject merged = fileConfig.copy();
          applyEnvironment(merged, "", env);
          merged.put("profile", profile);
          return new AppConfig(merged);
        });
  }

  /** Overrides every leaf that has an environment variable, keeping the file value's type. */
  static void applyEnvironment(JsonObject node, String path, Map<String, String> env) {
    for (String key : new ArrayList<>(node.fieldNames())) {
      Object value = node.getValue(key);
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (value instanceof JsonObject child) {
        applyEnvironment(child, childPath, env);
        continue;
      }
      String override = env.get(envName(childPath));
      if (override == null) {
        continue;
      }
      node.put(key, convert(override, value, envName(childPath)));
    }
  }

  private static Object convert(String text, Object like, String name) {
    try {
      if (like instanceof Boolean) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException();
        }
        return Boolean.parseBoolean(text);
      }
      if (like instanceof Integer || like instanceof Long) {
        return Long.parseLong(text.trim());
      }
      if (like instanceof Number) {
        return Double.parseDouble(text.trim());
      }
      if (like instanceof JsonArray) {
        return new JsonArray(List.of(text.split(",")));
      }
      return text;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be a " + like.getClass().getSimpleName()
          + ", got '" + text + "'");
    }
  }

  /** http.port -> EPUPNS_HTTP_PORT; captcha.exposeAnswer -> EPUPNS_CAPTCHA_EXPOSE_ANSWER. */
  public static String envName(String path) {
    StringBuilder out = new StringBuilder(ENV_PREFIX);
    for (char c : path.toCharArray()) {
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  public JsonObject json() {
    return json;
  }

  public String profile() {
    return json.getString("profile", "dev");
  }

  public boolean isProduction() {
    return "production".equals(profile());
  }

  public JsonObject section(String name) {
    JsonObject section = json.getJsonObject(name);
    if (section == null) {
      throw new IllegalStateException("configuration section '" + name + "' is missing");
    }
    return section;
  }

  public String string(String path) {
    Object value = value(path);
    return value == null ? null : value.toString();
  }

  public int integer(String path) {
    Object value = value(path);
    if (!(value instanceof Number number)) {
      throw new IllegalStateException("configuration key '" + path + "' must be a number");
    }
    return number.intValue();
  }

  public boolean bool(String path) {
    Object value = value(path);
    if (!(value instanceof Boolean b)) {
      throw new IllegalStateException("configuration key '" + path + "' must be true or false");
    }
    return b;
  }

  public LocalDate date(String path) {
    return LocalDate.parse(string(path));
  }

  private Object value(String path) {
    Object node = json;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject object) || !object.containsKey(part)) {
        throw new IllegalStateException("configuration key '" + path + "' is missing");
      }
      node = object.getValue(part);
    }
    return node;
  }
}
