package org.voz.web.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.staff.StaffMember;
import org.voz.store.AlertRepository;
import org.voz.web.ApiError;

/** {@code GET /api/v1/alerts} (a case manager's own, or all for an admin) and {@code POST /api/v1/alerts/{id}/ack}. */
public final class AlertsApi {

  private static final Logger LOG = LoggerFactory.getLogger(AlertsApi.class);

  private final AlertRepository alerts;
  private final Clock clock;

  public AlertsApi(AlertRepository alerts, Clock clock) {
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "listAlerts").addHandler(this::list);
    StaffContract.route(api, "acknowledgeAlert").addHandler(this::acknowledge);
  }

  private void list(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    alerts.all()
        .onSuccess(open -> {
          JsonArray list = new JsonArray();
          open.stream()
              .map(a -> a.deliveryFailed()
                  ? new JsonObject(a.json()).put("delivery", "failed")
                  : new JsonObject(a.json()))
              .filter(a -> caller.is(StaffMember.ADMIN) || caller.id().equals(a.getString("caseManager")))
              .sorted(Comparator.comparing(a -> a.getString("at", "")))
              .forEach(list::add);
          ctx.json(new JsonObject().put("alerts", list));
        })
        .onFailure(ctx::fail);
  }

  private void acknowledge(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String id = ctx.pathParam("id");
    alerts.find(id)
        .compose(found -> {
          if (found.isEmpty()) {
            throw ApiError.notFound("no open alert with this id");
          }
          JsonObject alert = new JsonObject(found.get().json());
          if (!caller.is(StaffMember.ADMIN) && !caller.id().equals(alert.getString("caseManager"))) {
            throw ApiError.forbidden("this alert is for another case manager");
          }
          return alerts.acknowledge(found.get());
        })
        .onSuccess(removed -> {
          if (!removed) {
            ApiError.send(ctx, 404, "not_found", "no open alert with this id", null);
            return;
          }
          LOG.info("alert acknowledged id={} by={}", id, caller.id());
          ctx.json(new JsonObject().put("id", id).put("acknowledgedBy", caller.id())
              .put("acknowledgedAt", clock.instant().toString()));
        })
        .onFailure(ctx::fail);
  }
}
