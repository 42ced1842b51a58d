package id.go.bkn.epupns.testing;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseParameter;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import org.yaml.snakeyaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static id.go.bkn.epupns.testing.TestService.await;

/**
 * Checks HTTP exchanges with a running service against the OpenAPI contract it serves, with vertx-openapi's
 * request and response validators plus what they do not look at: whether the status is documented at all,
 * whether an undocumented body or media type came back, whether a JSON body carries fields the contract does
 * not name, whether an error body has the Error shape, and whether the operation needs a token it does not
 * declare. Every finding is collected; {@link #report()} lists them all at once.
 *
 * <p>vertx-openapi 5.0 models only JSON, text, multipart and octet-stream bodies, so binary media types
 * (PDF, images, CSV, YAML) are read as octet-stream by the validators; the served media type is still
 * compared with the documented one here.
 */
public final class ContractCheck {

  public static final Set<String> BINARY = Set.of("application/pdf", "text/csv", "image/png", "image/jpeg",
      "application/yaml");

  /** One way the service and its contract disagree. */
  public record Violation(String operationId, String exchange, int status, String kind, String pointer,
                          String message) {
    @Override
    public String toString() {
      return String.format("%-26s %-4s %-9s %-28s %s%s", operationId, status == 0 ? "-" : status, kind,
          pointer.isEmpty() ? "(body)" : pointer, message, exchange.isEmpty() ? "" : "   [" + exchange + "]");
    }
  }

  private final TestService service;
  private final JsonObject raw;
  private final OpenAPIContract contract;
  private final RequestValidator requests;
  private final ResponseValidator responses;
  private final Validator errorShape;
  private final Map<String, Violation> violations = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Set<Integer>> exercised = Collections.synchronizedMap(new TreeMap<>());
  private final Map<String, Set<String>> withToken = Collections.synchronizedMap(new TreeMap<>());

  private ContractCheck(TestService service, JsonObject raw, OpenAPIContract contract) {
    this.service = service;
    this.raw = raw;
    this.contract = contract;
    this.requests = RequestValidator.create(service.vertx(), contract);
    this.responses = ResponseValidator.create(service.vertx(), contract);
    this.errorShape = Validator.create(JsonSchema.of(raw.getJsonObject("components")
            .getJsonObject("schemas").getJsonObject("Error").copy()),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://epupns.test/"));
  }

  /** The contract the service serves at GET /openapi.yaml. */
  public static ContractCheck servedBy(TestService service) {
    HttpResponse<Buffer> served = service.get("/openapi.yaml");
    if (served.statusCode() != 200) {
      throw new IllegalStateException("GET /openapi.yaml answered " + served.statusCode());
    }
    JsonObject raw = parse(served.bodyAsString());
    OpenAPIContract contract = await(OpenAPIContract.from(service.vertx(), normalisedForValidators(raw)));
    return new ContractCheck(service, raw, contract);
  }

  /** The YAML document as JSON. */
  public static JsonObject parse(String yaml) {
    Map<String, Object> document = new Yaml().load(yaml);
    return new JsonObject(Json.encode(document));
  }

  /** A copy with binary media types read as octet-stream (what vertx-openapi 5.0 can model). */
  public static JsonObject normalisedForValidators(JsonObject raw) {
    JsonObject copy = raw.copy();
    normaliseBinaryContent(copy);
    return copy;
  }

  private static void normaliseBinaryContent(Object node) {
    if (node instanceof JsonObject object) {
      if (object.getValue("content") instanceof JsonObject content) {
        for (String type : Set.copyOf(content.fieldNames())) {
          if (BINARY.contains(type)) {
            content.put("application/octet-stream", content.remove(type));
          }
        }
      }
      object.forEach(entry -> normaliseBinaryContent(entry.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(ContractCheck::normaliseBinaryContent);
    }
  }

  public JsonObject raw() {
    return raw;
  }

  public OpenAPIContract contract() {
    return contract;
  }

  // ---------------------------------------------------------------------------------------------- calls

  /** A request to send for an operation of the contract. */
  public static final class Call {
    final String operationId;
    final HttpMethod method;
    final String uri;
    final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    Buffer body;
    String contentType;
    String token;

    Call(String operationId, HttpMethod method, String uri) {
      this.operationId = operationId;
      this.method = method;
      this.uri = uri;
    }

    public Call json(JsonObject json) {
      this.body = json.toBuffer();
      this.contentType = "application/json";
      return this;
    }

    public Call body(Buffer bytes, String type) {
      this.body = bytes;
      this.contentType = type;
      return this;
    }

    /** A multipart/form-data body with one file part and optional text fields (the same bytes are validated). */
    public Call multipart(String fileField, String fileName, String fileType, byte[] file, Map<String, String> fields) {
      String boundary = "----contract" + UUID.randomUUID().toString().replace("-", "");
      Buffer out = Buffer.buffer();
      fields.forEach((name, value) -> out.appendString("--" + boundary + "\r\n")
          .appendString("Content-Disposition: form-data; name=\"" + name + "\"\r\n")
          .appendString("Content-Type: text/plain\r\n\r\n").appendString(value).appendString("\r\n"));
      out.appendString("--" + boundary + "\r\n")
          .appendString("Content-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName + "\"\r\n")
          .appendString("Content-Type: " + fileType + "\r\n\r\n")
          .appendBytes(file).appendString("\r\n--" + boundary + "--\r\n");
      return body(out, "multipart/form-data; boundary=" + boundary);
    }

    public Call token(String bearer) {
      this.token = bearer;
      return this;
    }

    public Call header(String name, String value) {
      headers.set(name, value);
      return this;
    }
  }

  /** What came back, checked. */
  public final class Exchange {
    public final Call call;
    public final HttpResponse<Buffer> response;

    Exchange(Call call, HttpResponse<Buffer> response) {
      this.call = call;
      this.response = response;
    }

    public int status() {
      return response.statusCode();
    }

    public JsonObject json() {
      return response.bodyAsJsonObject();
    }

    /** Records a scenario mismatch (the test did not reach the case it meant to) unless the status is one of these. */
    public Exchange expect(int... statuses) {
      for (int s : statuses) {
        if (s == status()) {
          return this;
        }
      }
      add(call.operationId, describe(call), status(), "scenario", "",
          "expected " + java.util.Arrays.toString(statuses) + ", got " + status() + ": " + abbreviate(response.bodyAsString()));
      return this;
    }
  }

  public Call call(String operationId, HttpMethod method, String uri) {
    return new Call(operationId, method, uri);
  }

  public Exchange get(String operationId, String uri, String token) {
    return send(call(operationId, HttpMethod.GET, uri).token(token));
  }

  public Exchange post(String operationId, String uri, JsonObject body, String token) {
    Call call = call(operationId, HttpMethod.POST, uri).token(token);
    return send(body == null ? call : call.json(body));
  }

  public Exchange put(String operationId, String uri, JsonObject body, String token) {
    return send(call(operationId, HttpMethod.PUT, uri).json(body).token(token));
  }

  public Exchange send(Call call) {
    HttpRequest<Buffer> request = service.http().request(call.method, call.uri);
    request.putHeaders(call.headers);
    if (call.token != null) {
      request.bearerTokenAuthentication(call.token);
    }
    if (call.contentType != null) {
      request.putHeader("Content-Type", call.contentType);
    }
    HttpResponse<Buffer> response = await(call.body == null ? request.send() : request.sendBuffer(call.body));
    Exchange exchange = new Exchange(call, response);
    check(exchange);
    return exchange;
  }

  // ---------------------------------------------------------------------------------------------- checks

  private void check(Exchange exchange) {
    Call call = exchange.call;
    int status = exchange.status();
    String id = call.operationId;
    String what = describe(call);
    exercised.computeIfAbsent(id, k -> new TreeSet<>()).add(status);
    Operation operation = contract.operation(id);
    if (operation == null) {
      add(id, what, status, "operation", "", "operationId not in the contract");
      return;
    }
    String path = new QueryStringDecoder(call.uri).path();
    Operation routed = contract.findOperation(path, call.method);
    if (routed == null || !id.equals(routed.getOperationId())) {
      add(id, what, status, "operation", "", call.method + " " + path + " is documented as "
          + (routed == null ? "nothing" : routed.getOperationId()));
    }
    JsonObject rawOperation = rawOperation(operation);
    if (call.token != null) {
      withToken.computeIfAbsent(id, k -> new TreeSet<>()).add(String.valueOf(status));
    }
    if (status == 401 && !rawOperation.containsKey("security") && !raw.containsKey("security")
        && (call.token != null || "UNAUTHORIZED".equals(errorCode(exchange)))) {
      add(id, what, status, "security", "", "needs a token (401 " + errorCode(exchange)
          + ") but declares no security (bearer)");
    }
    checkRequest(exchange, operation, path, what);
    checkResponse(exchange, operation, rawOperation, what);
  }

  private void checkRequest(Exchange exchange, Operation operation, String path, String what) {
    Call call = exchange.call;
    Map<String, RequestParameter> pathParams = new HashMap<>();
    String[] template = operation.getOpenAPIPath().split("/");
    String[] actual = path.split("/");
    for (int i = 0; i < Math.min(template.length, actual.length); i++) {
      if (template[i].startsWith("{")) {
        pathParams.put(template[i].substring(1, template[i].length() - 1),
            new RequestParameterImpl(QueryStringDecoder.decodeComponent(actual[i])));
      }
    }
    Map<String, RequestParameter> query = new HashMap<>();
    new QueryStringDecoder(call.uri).parameters().forEach((name, values) ->
        query.put(name, new RequestParameterImpl(String.join(",", values))));
    Map<String, RequestParameter> headers = new HashMap<>();
    call.headers.forEach(h -> headers.put(h.getKey(), new RequestParameterImpl(h.getValue())));
    Buffer bytes = call.body;
    if (bytes != null && call.contentType != null && call.contentType.startsWith("multipart/")) {
      // vertx-openapi 5.0 models no binary part types: a file part is validated as octet-stream.
      String text = bytes.toString(StandardCharsets.ISO_8859_1);
      for (String type : BINARY) {
        text = text.replace("Content-Type: " + type + "\r\n", "Content-Type: application/octet-stream\r\n");
      }
      bytes = Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1));
    }
    RequestParameter body = new RequestParameterImpl(bytes);
    try {
      await(requests.validate(new ValidatableRequestImpl(Map.of(), headers, pathParams, query, body, call.contentType),
          operation.getOperationId()));
    } catch (IllegalStateException e) {
      // Requests the API refuses may break the documented shape on purpose (that is the test); a request it
      // accepts must fit the documented request, or generated clients could not send it.
      if (exchange.status() < 400) {
        for (String finding : findings(e.getCause())) {
          int tab = finding.indexOf('\t');
          add(operation.getOperationId(), what, exchange.status(), "request", finding.substring(0, tab),
              finding.substring(tab + 1) + " (yet the API accepted it)");
        }
      }
    }
  }

  private void checkResponse(Exchange exchange, Operation operation, JsonObject rawOperation, String what) {
    String id = operation.getOperationId();
    int status = exchange.status();
    Buffer body = exchange.response.body();
    boolean hasBody = body != null && body.length() > 0;
    String served = exchange.response.getHeader("Content-Type");
    String mediaType = served == null ? null : served.split(";")[0].trim().toLowerCase(Locale.ROOT);

    if (status >= 400) {
      checkErrorShape(id, what, status, mediaType, body);
    }
    JsonObject responses = rawOperation.getJsonObject("responses", new JsonObject());
    JsonObject documented = resolve(responses.getValue(Integer.toString(status)));
    if (documented == null) {
      documented = resolve(responses.getValue("default"));
    }
    if (documented == null) {
      add(id, what, status, "status", "", "status " + status + " is not documented (documented: "
          + responses.fieldNames() + "): " + abbreviate(hasBody ? body.toString() : ""));
      return;
    }
    JsonObject content = documented.getJsonObject("content");
    if (content == null || content.isEmpty()) {
      if (hasBody) {
        add(id, what, status, "content", "", "documented without a body, but answers " + mediaType + ": "
            + abbreviate(body.toString()));
      }
      return;
    }
    if (!hasBody) {
      add(id, what, status, "content", "", "documented with a body (" + content.fieldNames() + "), answers none");
      return;
    }
    if (mediaType == null || !content.containsKey(mediaType)) {
      add(id, what, status, "content", "", "answers " + mediaType + ", documented " + content.fieldNames());
      return;
    }
    // Documented headers (e.g. Retry-After) are validated by the response validator.
    Map<String, String> headerValues = new HashMap<>();
    JsonObject documentedHeaders = documented.getJsonObject("headers", new JsonObject());
    for (String name : documentedHeaders.fieldNames()) {
      String value = exchange.response.getHeader(name);
      if (value == null) {
        if (!name.equalsIgnoreCase("ETag") || status != 304) {
          add(id, what, status, "header", name, "documented header missing");
        }
      } else {
        headerValues.put(name, value);
      }
    }
    boolean binary = BINARY.contains(mediaType);
    if (binary || mediaType.startsWith("text/")) {
      return; // bytes, not JSON: the media type was compared above; vertx-openapi 5.0 cannot validate them
    }
    try {
      // Media type parameters (charset, version) do not change the type; vertx-openapi 5.0 compares the whole
      // header value, so the bare media type is handed over (it was compared with the documented one above).
      await(this.responses.validate(ValidatableResponse.create(status, headerValues, body, mediaType), id));
    } catch (IllegalStateException e) {
      for (String finding : findings(e.getCause())) {
        int tab = finding.indexOf('\t');
        add(id, what, status, "response", finding.substring(0, tab), finding.substring(tab + 1));
      }
    }
    if (mediaType.equals("application/json")) {
      Object value;
      try {
        value = Json.decodeValue(body);
      } catch (RuntimeException e) {
        add(id, what, status, "response", "", "not JSON: " + abbreviate(body.toString()));
        return;
      }
      List<String> extra = new ArrayList<>();
      undocumented(value, content.getJsonObject(mediaType).getJsonObject("schema", new JsonObject()), "", extra,
          new LinkedHashSet<>());
      extra.forEach(pointer -> add(id, what, status, "field", pointer, "not documented in the response schema"));
    }
  }

  private void checkErrorShape(String id, String what, int status, String mediaType, Buffer body) {
    if (!"application/json".equals(mediaType)) {
      add(id, what, status, "error", "", "error answered as " + mediaType + ", not JSON");
      return;
    }
    try {
      OutputUnit result = errorShape.validate(Json.decodeValue(body));
      if (!Boolean.TRUE.equals(result.getValid())) {
        for (OutputUnit unit : leaves(result)) {
          add(id, what, status, "error", unit.getInstanceLocation(), "not the Error schema: " + unit.getError());
        }
      }
    } catch (RuntimeException e) {
      add(id, what, status, "error", "", "error body is not JSON: " + abbreviate(body.toString()));
    }
  }

  private static String errorCode(Exchange exchange) {
    try {
      return exchange.json().getString("error");
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** "pointer\tmessage" for each problem a validator found. */
  private static List<String> findings(Throwable failure) {
    List<String> out = new ArrayList<>();
    if (failure instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      List<String> all = new ArrayList<>();
      for (OutputUnit unit : leaves(schema.getOutputUnit())) {
        String finding = (unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation()) + "\t" + unit.getError();
        all.add(finding);
        // "Property x does not match schema", "A subschema had errors" ... only repeat the deeper finding.
        if (unit.getError() != null && !unit.getError().matches(
            ".*(does|did) not match schema|Instance does not match every subschema|A subschema had errors")) {
          out.add(finding);
        }
      }
      if (out.isEmpty()) {
        out.addAll(all);
      }
      if (out.isEmpty()) {
        out.add("\t" + schema.getMessage());
      }
    } else if (failure instanceof ValidatorException validator) {
      out.add("\t" + validator.type() + ": " + validator.getMessage());
    } else {
      out.add("\t" + failure);
    }
    return out;
  }

  private static List<OutputUnit> leaves(OutputUnit unit) {
    List<OutputUnit> out = new ArrayList<>();
    if (unit.getErrors() == null || unit.getErrors().isEmpty()) {
      if (unit.getError() != null) {
        out.add(unit);
      }
    } else {
      unit.getErrors().forEach(e -> out.addAll(leaves(e)));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------- undocumented fields

  /**
   * Pointers of object members the schema does not name, where the schema names its members (properties)
   * and does not allow others (additionalProperties). Array elements are reported with {@code *}.
   */
  void undocumented(Object value, JsonObject schema, String pointer, List<String> out, Set<String> seen) {
    List<JsonObject> parts = flatten(schema);
    if (value instanceof JsonObject object) {
      Map<String, List<JsonObject>> properties = new LinkedHashMap<>();
      List<JsonObject> additional = new ArrayList<>();
      boolean named = false;
      boolean open = false;
      for (JsonObject part : parts) {
        JsonObject props = part.getJsonObject("properties");
        if (props != null) {
          named = true;
          props.forEach(p -> properties.computeIfAbsent(p.getKey(), k -> new ArrayList<>())
              .add(p.getValue() instanceof JsonObject s ? s : new JsonObject()));
        }
        Object more = part.getValue("additionalProperties");
        if (more instanceof JsonObject s) {
          additional.add(s);
          open = true;
        } else if (Boolean.TRUE.equals(more)) {
          open = true;
        }
      }
      for (String key : object.fieldNames()) {
        String at = pointer + "/" + key;
        if (properties.containsKey(key)) {
          for (JsonObject s : properties.get(key)) {
            undocumented(object.getValue(key), s, at, out, seen);
          }
        } else if (!additional.isEmpty()) {
          for (JsonObject s : additional) {
            undocumented(object.getValue(key), s, pointer + "/*", out, seen);
          }
        } else if (named && !open && seen.add(at)) {
          out.add(at);
        }
      }
    } else if (value instanceof JsonArray array) {
      for (JsonObject part : parts) {
        if (part.getValue("items") instanceof JsonObject items) {
          for (Object element : array) {
            undocumented(element, items, pointer + "/*", out, seen);
          }
        }
      }
    }
  }

  /** The schema and every schema it is made of (allOf, oneOf, anyOf), references resolved. */
  private List<JsonObject> flatten(JsonObject schema) {
    List<JsonObject> out = new ArrayList<>();
    JsonObject resolved = resolve(schema);
    if (resolved == null) {
      return out;
    }
    out.add(resolved);
    for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
      JsonArray list = resolved.getJsonArray(combinator);
      if (list != null) {
        list.forEach(s -> {
          if (s instanceof JsonObject o) {
            out.addAll(flatten(o));
          }
        });
      }
    }
    return out;
  }

  /** Follows local $refs ("#/components/..."). */
  public JsonObject resolve(Object node) {
    return resolve(raw, node);
  }

  public static JsonObject resolve(JsonObject document, Object node) {
    JsonObject object = node instanceof JsonObject o ? o : null;
    int hops = 0;
    while (object != null && object.containsKey("$ref") && hops++ < 20) {
      String ref = object.getString("$ref");
      Object target = document;
      for (String part : ref.substring(2).split("/")) {
        target = target instanceof JsonObject o ? o.getValue(part.replace("~1", "/").replace("~0", "~")) : null;
      }
      object = target instanceof JsonObject o ? o : null;
    }
    return object;
  }

  JsonObject rawOperation(Operation operation) {
    return raw.getJsonObject("paths").getJsonObject(operation.getOpenAPIPath())
        .getJsonObject(operation.getHttpMethod().name().toLowerCase(Locale.ROOT));
  }

  // ---------------------------------------------------------------------------------------------- report

  public void add(String operationId, String exchange, int status, String kind, String pointer, String message) {
    // Array indices are folded ("/sections/*/fields"), so one mistake is listed once, not once per element.
    String at = pointer == null ? "" : pointer.replaceAll("/\\d+(?=/|$)", "/*");
    String key = operationId + "|" + status + "|" + kind + "|" + at + "|" + message.replaceAll("\\d{6,}", "#");
    violations.putIfAbsent(key, new Violation(operationId, exchange, status, kind, at, message));
  }

  public List<Violation> violations() {
    List<Violation> list = new ArrayList<>(violations.values());
    list.sort((a, b) -> a.operationId().equals(b.operationId())
        ? Integer.compare(a.status(), b.status()) : a.operationId().compareTo(b.operationId()));
    return list;
  }

  /** Every operation id and the statuses the scenario saw. */
  public Map<String, Set<Integer>> exercised() {
    return exercised;
  }

  /** Operation id -> statuses seen when the call carried a token. */
  public Map<String, Set<String>> calledWithToken() {
    return withToken;
  }

  /** The readable list of every violation, or the empty string. */
  public String report() {
    List<Violation> list = violations();
    if (list.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(list.size() + " contract violation(s):\n");
    String header = String.format("%-26s %-4s %-9s %-28s %s", "operationId", "code", "kind", "pointer", "message");
    text.append(header).append('\n');
    list.forEach(v -> text.append(v).append('\n'));
    return text.toString();
  }

  static String describe(Call call) {
    return call.method + " " + call.uri.replaceAll("sig=[^&]+", "sig=…") + (call.token == null ? "" : " (token)");
  }

  static String abbreviate(String text) {
    String flat = text == null ? "" : text.replace('\n', ' ');
    return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
