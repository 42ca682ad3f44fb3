package org.voz.web.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import org.voz.service.staff.AlertInbox;

/** {@code GET /api/v1/alerts} (a case manager's own, or all for an admin) and {@code POST /api/v1/alerts/{id}/ack}. */
public final class AlertsApi {

  private final AlertInbox inbox;

  public AlertsApi(AlertInbox inbox) {
    this.inbox = inbox;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "listAlerts").addHandler(this::list);
    StaffContract.route(api, "acknowledgeAlert").addHandler(this::acknowledge);
  }

  private void list(RoutingContext ctx) {
    inbox.open(StaffAuth.member(ctx))
        .onSuccess(open -> ctx.json(new JsonObject().put("alerts", new JsonArray(List.copyOf(open)))))
        .onFailure(ctx::fail);
  }

  private void acknowledge(RoutingContext ctx) {
    inbox.acknowledge(StaffAuth.member(ctx), ctx.pathParam("id"), null)
        .onSuccess(done -> ctx.json(new JsonObject().put("id", done.id()).put("acknowledgedBy", done.by())
            .put("acknowledgedAt", done.at().toString())))
        .onFailure(ctx::fail);
  }
}
