package org.voz.web.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/labels}: the catalogue of consent codes with their labels in every language (read only). */
public final class LabelsApi {

  private final JsonObject catalogue;

  /**
   * @param languages the languages of the conversations, the default first
   * @param catalogue kind -> code -> language -> label
   */
  public LabelsApi(List<String> languages, Map<String, Map<String, Map<String, String>>> catalogue) {
    JsonObject body = new JsonObject().put("languages", new JsonArray(List.copyOf(languages)));
    catalogue.forEach((kind, codes) -> {
      JsonObject byCode = new JsonObject();
      codes.forEach((code, labels) -> byCode.put(code, new JsonObject(Map.copyOf(labels))));
      body.put(kind, byCode);
    });
    this.catalogue = body;
  }

  /** Binds the operation of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "listLabels").addHandler(this::list);
  }

  private void list(RoutingContext ctx) {
    ctx.json(catalogue);
  }
}
