package org.voz.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.SecurityRequirement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The staff API's contract: {@code openapi/voz.yaml} (in the jar), the one file that both documents the HTTP
 * interface and routes and validates {@code /api/v1}. The file describes more than the staff API (webhooks, health,
 * the download page) and media types vert.x's validator cannot read (PDF, CSV, SVG, HTML, form posts); the
 * contract the router is built from is the routable part of it: the operations that need a bearer token, without
 * the bodies vert.x cannot validate (the PDF upload checks its own) and without response contents (responses are
 * not validated).
 */
public final class StaffContract {

  /** Where the file is, on the class path. */
  public static final String PATH = "openapi/voz.yaml";
  /** The security scheme of the staff API; its scopes are the roles allowed. */
  public static final String BEARER = "bearer";

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Set<String> READABLE = Set.of("application/json");

  private StaffContract() {}

  /** The file as JSON, read without blocking the event loop. */
  public static Future<JsonObject> read(Vertx vertx) {
    return vertx.fileSystem().readFile(PATH)
        .compose(buffer -> vertx.executeBlocking(() -> yaml(buffer.toString(StandardCharsets.UTF_8)), false));
  }

  /** The routable contract of the staff API. */
  public static Future<OpenAPIContract> load(Vertx vertx) {
    return read(vertx).compose(spec -> OpenAPIContract.from(vertx, routable(spec)));
  }

  static JsonObject yaml(String text) throws java.io.IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
    return new JsonObject(map).copy(); // nested maps and lists become JsonObject and JsonArray
  }

  /** The operations that need a bearer token, with what vert.x can validate of them. */
  public static JsonObject routable(JsonObject spec) {
    JsonObject out = spec.copy();
    out.remove("servers"); // "/" (the service itself): paths are absolute
    JsonObject paths = new JsonObject();
    out.getJsonObject("paths").forEach(entry -> {
      JsonObject item = ((JsonObject) entry.getValue()).copy();
      boolean staff = false;
      for (String method : List.copyOf(item.fieldNames())) {
        if (!METHODS.contains(method)) {
          continue;
        }
        JsonObject operation = item.getJsonObject(method);
        if (!needsBearer(operation)) {
          item.remove(method);
          continue;
        }
        staff = true;
        JsonObject body = operation.getJsonObject("requestBody");
        if (body != null && !READABLE.containsAll(body.getJsonObject("content", new JsonObject()).fieldNames())) {
          operation.remove("requestBody"); // read and checked by its handler
        }
        JsonObject responses = operation.getJsonObject("responses", new JsonObject());
        responses.forEach(response -> {
          if (response.getValue() instanceof JsonObject r) {
            r.remove("content");
            r.remove("headers");
          }
        });
      }
      if (staff) {
        paths.put(entry.getKey(), item);
      }
    });
    out.put("paths", paths);
    return out;
  }

  private static boolean needsBearer(JsonObject operation) {
    var security = operation.getJsonArray("security");
    return security != null && security.stream()
        .anyMatch(requirement -> requirement instanceof JsonObject r && r.containsKey(BEARER));
  }

  /** The route of {@code operationId}; an operation the contract does not have is a programming error. */
  public static OpenAPIRoute route(RouterBuilder api, String operationId) {
    OpenAPIRoute route = api.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("no operation " + operationId + " in " + PATH);
    }
    return route;
  }

  /** The roles an operation allows (the scopes of its bearer requirement); empty: no bearer requirement. */
  public static List<String> roles(Operation operation) {
    List<String> roles = new ArrayList<>();
    for (SecurityRequirement requirement : operation.getSecurityRequirements()) {
      if (requirement.getNames().contains(BEARER)) {
        roles.addAll(requirement.getScopes(BEARER));
      }
    }
    return roles;
  }
}
