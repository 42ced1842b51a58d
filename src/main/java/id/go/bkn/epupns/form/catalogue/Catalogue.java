package id.go.bkn.epupns.form.catalogue;

import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The field catalogue (src/main/resources/form/field-catalogue.yaml), loaded once at start into
 * immutable records. Validation, the pages and verification routing read it; nothing about a
 * particular field is coded anywhere else. A malformed catalogue stops start-up with its reason.
 */
public record Catalogue(List<Tier> tiers, Map<String, DocumentKind> documentKinds,
                        Map<String, Section> sections, JsonObject json, String etag) {

  public static final String RESOURCE = "form/field-catalogue.yaml";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

  public enum Kind { RECORD, ENTRY, ROWS }

  public enum Type { TEXT, DATE, INTEGER, ENUM, BOOLEAN, EMAIL, PHONE, NIP, REFERENCE }

  public record DocumentKind(String code, String label) {
  }

  /**
   * Where a section's accepted corrections are written in SAPK: a table and its key, {@code nip}
   * (the PNS's record, or a table with one row per PNS) or {@code id} (a history table: the row ref).
   */
  public record Target(String table, String key) {
    public static final String NIP = "nip";
    public static final String ID = "id";

    public boolean byRow() {
      return ID.equals(key);
    }
  }

  public record Option(Object value, String label) {
  }

  /** The field applies only when another field's (effective) value equals one of these. */
  public record Condition(String field, List<Object> anyOf) {
    public boolean holds(Object actual) {
      if (actual == null) {
        return false;
      }
      String text = String.valueOf(actual);
      return anyOf.stream().anyMatch(v -> String.valueOf(v).equals(text));
    }
  }

  /** Allowed options of an enum, by the value of another field. */
  public record DependentOptions(String field, Map<String, List<String>> options) {
  }

  public record Field(String name, String label, Type type, String hint, Tier authority,
                      List<String> documents, boolean documentRequired, boolean required, Condition when,
                      Integer minLength, Integer maxLength, Pattern pattern, String patternMessage,
                      Long min, Long max, boolean maxIsCurrentYear, String minDate, boolean notFuture,
                      List<String> after, List<String> notBefore, List<Option> options,
                      DependentOptions optionsDependOn, String reference, Map<String, String> filter, String scope,
                      String column) {

    public Optional<Option> option(Object value) {
      if (value == null || options == null) {
        return Optional.empty();
      }
      return options.stream().filter(o -> String.valueOf(o.value()).equals(String.valueOf(value))).findFirst();
    }
  }

  public record Section(String id, String title, String tab, Kind kind, String source, String appliesWhen,
                        Tier authority, List<String> documents, boolean documentRequired,
                        Map<String, Field> fields, Target target) {

    public Optional<Field> field(String name) {
      return Optional.ofNullable(fields.get(name));
    }

    /** Final authority of a field: its own, else the section's (history rows). */
    public Tier authorityOf(Field field) {
      return field.authority() != null ? field.authority() : authority;
    }

    public List<String> documentsOf(Field field) {
      return field.documents() != null ? field.documents() : documents;
    }

    public boolean documentRequiredOf(Field field) {
      return field.documents() != null ? field.documentRequired() : documentRequired;
    }
  }

  public Optional<Section> section(String id) {
    return Optional.ofNullable(sections.get(id));
  }

  /**
   * The other sections whose values the section's rules read ("utama.tmt_cpns" in an after,
   * notBefore, when, optionsDependOn or filter): checking a save of the section needs their drafts.
   */
  public java.util.Set<String> dependencies(Section section) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Field f : section.fields().values()) {
      List<String> refs = new ArrayList<>(concat(f.after(), f.notBefore()));
      if (f.when() != null) {
        refs.add(f.when().field());
      }
      if (f.optionsDependOn() != null) {
        refs.add(f.optionsDependOn().field());
      }
      refs.addAll(f.filter().values());
      for (String ref : refs) {
        int dot = ref.indexOf('.');
        if (dot > 0 && !ref.substring(0, dot).equals(section.id())) {
          out.add(ref.substring(0, dot));
        }
      }
    }
    return out;
  }

  public static Catalogue load() {
    try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      byte[] bytes = in.readAllBytes();
      Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
      return parse(new JsonObject(asMap(tree, "catalogue")), etag(bytes));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object node, String where) {
    if (!(node instanceof Map<?, ?> map)) {
      throw new IllegalStateException(RESOURCE + ": " + where + " must be a mapping");
    }
    return (Map<String, Object>) map;
  }

  private static Catalogue parse(JsonObject root, String etag) {
    List<Tier> tiers = strings(root.getJsonArray("tiers")).stream().map(t -> Tier.parse(t).orElseThrow(() ->
        new IllegalStateException(RESOURCE + ": unknown tier " + t))).toList();
    if (!tiers.equals(List.of(Tier.values()))) {
      throw new IllegalStateException(RESOURCE + ": tiers must be " + List.of(Tier.values()) + " in that order");
    }
    Map<String, DocumentKind> kinds = new LinkedHashMap<>();
    for (Object k : root.getJsonArray("documentKinds")) {
      JsonObject kind = (JsonObject) k;
      kinds.put(kind.getString("code"), new DocumentKind(kind.getString("code"), kind.getString("label")));
    }
    JsonObject lists = root.getJsonObject("optionLists");
    Map<String, Section> sections = new LinkedHashMap<>();
    JsonArray publicSections = new JsonArray();
    for (Object s : root.getJsonArray("sections")) {
      JsonObject raw = (JsonObject) s;
      Section section = section(raw, lists, kinds.keySet(), tiers);
      if (sections.put(section.id(), section) != null) {
        throw new IllegalStateException(RESOURCE + ": section " + section.id() + " appears twice");
      }
      publicSections.add(publicSection(section));
    }
    for (Section section : sections.values()) {
      for (Field field : section.fields().values()) {
        for (String ref : concat(field.after(), field.notBefore())) {
          checkReference(sections, section, ref, field);
        }
        if (field.when() != null) {
          checkReference(sections, section, field.when().field(), field);
        }
        if (field.scope() != null) {
          Field parent = section.fields().get(field.scope());
          if (field.type() != Type.REFERENCE || parent == null || parent.type() != Type.REFERENCE) {
            throw new IllegalStateException(RESOURCE + ": scope of " + section.id() + "." + field.name()
                + " must name a reference field of the same section: " + field.scope());
          }
        }
      }
    }
    JsonObject json = new JsonObject()
        .put("tiers", new JsonArray(tiers.stream().map(Tier::name).toList()))
        .put("documentKinds", new JsonArray(kinds.values().stream()
            .map(k -> new JsonObject().put("code", k.code()).put("label", k.label())).toList()))
        .put("sections", publicSections);
    return new Catalogue(List.copyOf(tiers), Map.copyOf(kinds), java.util.Collections.unmodifiableMap(sections),
        json, etag);
  }

  private static Section section(JsonObject raw, JsonObject lists, java.util.Set<String> kinds, List<Tier> tiers) {
    String id = identifier(raw.getString("id"), "section id");
    Kind kind = Kind.valueOf(raw.getString("kind").toUpperCase());
    String source = raw.getString("source");
    if (kind != Kind.ENTRY) {
      identifier(source, "source of " + id);
    }
    Tier authority = authority(raw.getString("authority"), id, kind == Kind.ROWS);
    List<String> documents = raw.containsKey("documents") ? strings(raw.getJsonArray("documents")) : List.of();
    documents.forEach(d -> checkKind(d, kinds, id));
    Map<String, Field> fields = new LinkedHashMap<>();
    for (Object f : raw.getJsonArray("fields")) {
      Field field = field((JsonObject) f, lists, id);
      if (field.documents() != null) {
        field.documents().forEach(d -> checkKind(d, kinds, id + "." + field.name()));
      }
      if (kind != Kind.ROWS && field.authority() == null) {
        throw new IllegalStateException(RESOURCE + ": " + id + "." + field.name() + " needs an authority among "
            + List.of(Tier.values()));
      }
      fields.put(field.name(), field);
    }
    JsonObject rawTarget = raw.getJsonObject("target");
    if (rawTarget == null) {
      throw new IllegalStateException(RESOURCE + ": section " + id + " needs a write target {table, key}");
    }
    String key = rawTarget.getString("key");
    if (!(kind == Kind.ROWS ? Target.ID : Target.NIP).equals(key)) {
      throw new IllegalStateException(RESOURCE + ": the target key of " + id + " must be "
          + (kind == Kind.ROWS ? Target.ID + " (a history row)" : Target.NIP + " (one row per PNS)"));
    }
    Target target = new Target(identifier(rawTarget.getString("table"), "target table of " + id), key);
    return new Section(id, raw.getString("title"), raw.getString("tab"), kind, source, raw.getString("appliesWhen"),
        authority, documents, raw.getBoolean("documentRequired", false), java.util.Collections.unmodifiableMap(fields),
        target);
  }

  private static Field field(JsonObject raw, JsonObject lists, String section) {
    String name = identifier(raw.getString("name"), "field name in " + section);
    String where = section + "." + name;
    Type type = Type.valueOf(raw.getString("type").toUpperCase());
    Pattern pattern = null;
    if (raw.containsKey("pattern")) {
      try {
        pattern = Pattern.compile(raw.getString("pattern"));
      } catch (PatternSyntaxException e) {
        throw new IllegalStateException(RESOURCE + ": bad pattern for " + where + ": " + e.getMessage());
      }
    }
    List<Option> options = null;
    if (raw.containsKey("options")) {
      Object spec = raw.getValue("options");
      JsonArray values = spec instanceof String listName ? lists.getJsonArray(listName) : (JsonArray) spec;
      if (values == null) {
        throw new IllegalStateException(RESOURCE + ": option list " + spec + " of " + where + " does not exist");
      }
      options = values.stream().map(v -> v instanceof JsonObject o
          ? new Option(o.getValue("value"), o.getString("label"))
          : new Option(v, String.valueOf(v))).toList();
    }
    if (type == Type.BOOLEAN) {
      List<String> labels = raw.containsKey("labels") ? strings(raw.getJsonArray("labels")) : List.of("Ya", "Tidak");
      options = List.of(new Option(true, labels.get(0)), new Option(false, labels.get(1)));
    }
    if (type == Type.ENUM && options == null) {
      throw new IllegalStateException(RESOURCE + ": enum " + where + " has no options");
    }
    Condition when = null;
    if (raw.containsKey("when")) {
      JsonObject w = raw.getJsonObject("when");
      List<Object> anyOf = w.containsKey("in") ? w.getJsonArray("in").getList() : List.of(w.getValue("equals"));
      when = new Condition(w.getString("field"), List.copyOf(anyOf));
    }
    DependentOptions dependent = null;
    if (raw.containsKey("optionsDependOn")) {
      JsonObject d = raw.getJsonObject("optionsDependOn");
      Map<String, List<String>> map = new LinkedHashMap<>();
      d.getJsonObject("options").forEach(e -> map.put(e.getKey(), strings((JsonArray) e.getValue())));
      dependent = new DependentOptions(d.getString("field"), Map.copyOf(map));
    }
    Map<String, String> filter = new LinkedHashMap<>();
    if (raw.containsKey("filter")) {
      raw.getJsonObject("filter").forEach(e -> filter.put(e.getKey(), String.valueOf(e.getValue())));
    }
    if (type == Type.REFERENCE && raw.getString("reference") == null) {
      throw new IllegalStateException(RESOURCE + ": reference field " + where + " names no reference table");
    }
    Object max = raw.getValue("max");
    boolean currentYear = "currentYear".equals(max);
    Object min = raw.getValue("min");
    return new Field(name, raw.getString("label"), type, raw.getString("hint"), authority(raw.getString("authority"), where, false),
        raw.containsKey("documents") ? strings(raw.getJsonArray("documents")) : null,
        raw.getBoolean("documentRequired", false), raw.getBoolean("required", false), when,
        raw.getInteger("minLength"), raw.getInteger("maxLength"), pattern, raw.getString("patternMessage"),
        min instanceof Number n ? n.longValue() : null,
        max instanceof Number n ? n.longValue() : null, currentYear,
        min instanceof String s ? s : null, raw.getBoolean("notFuture", false),
        raw.containsKey("after") ? strings(raw.getJsonArray("after")) : List.of(),
        raw.containsKey("notBefore") ? strings(raw.getJsonArray("notBefore")) : List.of(),
        options == null ? null : List.copyOf(options), dependent, raw.getString("reference"), Map.copyOf(filter),
        raw.getString("scope"), identifier(raw.getString("column", name), "column of " + where));
  }

  /** What the pages need: the catalogue without internals (view names), options resolved. */
  private static JsonObject publicSection(Section section) {
    JsonArray fields = new JsonArray();
    for (Field f : section.fields().values()) {
      JsonObject out = new JsonObject().put("name", f.name()).put("label", f.label())
          .put("type", f.type().name().toLowerCase());
      putIf(out, "hint", f.hint());
      putIf(out, "authority", section.authorityOf(f) == null ? null : section.authorityOf(f).name());
      out.put("documents", new JsonArray(section.documentsOf(f)));
      out.put("documentRequired", section.documentRequiredOf(f));
      out.put("required", f.required());
      putIf(out, "minLength", f.minLength());
      putIf(out, "maxLength", f.maxLength());
      putIf(out, "pattern", f.pattern() == null ? null : f.pattern().pattern());
      putIf(out, "patternMessage", f.patternMessage());
      putIf(out, "min", f.min() != null ? f.min() : f.minDate());
      putIf(out, "max", f.maxIsCurrentYear() ? "currentYear" : f.max());
      out.put("notFuture", f.notFuture());
      if (!f.after().isEmpty()) {
        out.put("after", new JsonArray(f.after()));
      }
      if (!f.notBefore().isEmpty()) {
        out.put("notBefore", new JsonArray(f.notBefore()));
      }
      if (f.options() != null) {
        out.put("options", new JsonArray(f.options().stream()
            .map(o -> new JsonObject().put("value", o.value()).put("label", o.label())).toList()));
      }
      if (f.when() != null) {
        out.put("when", new JsonObject().put("field", f.when().field()).put("in", new JsonArray(f.when().anyOf())));
      }
      if (f.optionsDependOn() != null) {
        JsonObject map = new JsonObject();
        f.optionsDependOn().options().forEach((k, v) -> map.put(k, new JsonArray(v)));
        out.put("optionsDependOn", new JsonObject().put("field", f.optionsDependOn().field()).put("options", map));
      }
      putIf(out, "reference", f.reference());
      putIf(out, "scope", f.scope());
      if (!f.filter().isEmpty()) {
        out.put("filter", new JsonObject(new LinkedHashMap<>(f.filter())));
      }
      fields.add(out);
    }
    JsonObject out = new JsonObject().put("id", section.id()).put("title", section.title()).put("tab", section.tab())
        .put("kind", section.kind().name().toLowerCase()).put("fields", fields);
    putIf(out, "appliesWhen", section.appliesWhen());
    if (section.kind() == Kind.ROWS) {
      out.put("authority", section.authority().name()).put("documents", new JsonArray(section.documents()))
          .put("documentRequired", section.documentRequired());
    }
    return out;
  }

  private static void putIf(JsonObject out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static void checkReference(Map<String, Section> sections, Section section, String ref, Field field) {
    int dot = ref.indexOf('.');
    Section target = dot < 0 ? section : sections.get(ref.substring(0, dot));
    String name = dot < 0 ? ref : ref.substring(dot + 1);
    if (target == null || !target.fields().containsKey(name)) {
      throw new IllegalStateException(RESOURCE + ": " + section.id() + "." + field.name() + " refers to unknown field " + ref);
    }
  }

  /** A final authority (SKPD, BKD, BKN): required for history sections, optional on their fields. */
  private static Tier authority(String text, String where, boolean required) {
    if (text == null && !required) {
      return null;
    }
    return Tier.parse(text).orElseThrow(() -> new IllegalStateException(RESOURCE + ": " + where
        + " needs an authority among " + List.of(Tier.values())));
  }

  private static void checkKind(String kind, java.util.Set<String> kinds, String where) {
    if (!kinds.contains(kind)) {
      throw new IllegalStateException(RESOURCE + ": " + where + " names unknown document kind " + kind);
    }
  }

  private static String identifier(String value, String what) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalStateException(RESOURCE + ": bad " + what + ": " + value);
    }
    return value;
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(String.valueOf(v)));
    return List.copyOf(out);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
