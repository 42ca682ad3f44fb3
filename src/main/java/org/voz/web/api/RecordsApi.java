package org.voz.web.api;

import io.vertx.ext.web.RoutingContext;
import org.voz.service.casework.Erasure;
import org.voz.staff.StaffMember;

/**
 * A survivor's record as a whole: erasing it ({@code DELETE /api/v1/survivors/{id}}) and removing one contact
 * ({@code DELETE /api/v1/survivors/{id}/contacts/{channel}}, a seized phone), and legal holds
 * ({@code PUT|DELETE /api/v1/survivors/{id}/hold}), and the decision on a survivor's own erasure request
 * ({@code POST /api/v1/survivors/{id}/erasure-request}). The contract has checked the roles
 * and the body; whose survivor it is, the use case checks.
 */
public final class RecordsApi {

  private final Erasure erasure;
  private final org.voz.service.casework.LegalHolds holds;
  private final org.voz.service.casework.ErasureRequests requests;

  public RecordsApi(Erasure erasure, org.voz.service.casework.LegalHolds holds,
      org.voz.service.casework.ErasureRequests requests) {
    this.erasure = erasure;
    this.holds = holds;
    this.requests = requests;
  }

  public void bind(io.vertx.ext.web.openapi.router.RouterBuilder api) {
    StaffContract.route(api, "eraseSurvivor").addHandler(this::erase);
    StaffContract.route(api, "removeContact").addHandler(this::removeContact);
    StaffContract.route(api, "placeHold").addHandler(this::placeHold);
    StaffContract.route(api, "liftHold").addHandler(this::liftHold);
    StaffContract.route(api, "decideErasureRequest").addHandler(this::decideErasureRequest);
  }

  private void decideErasureRequest(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    var body = ctx.body().asJsonObject();
    String id = ctx.pathParam("id");
    io.vertx.core.Future<?> decided = "accept".equals(body.getString("decision"))
        ? requests.accept(id, caller)
        : requests.refuse(id, caller, body.getString("reason"));
    decided.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void placeHold(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    holds.place(ctx.pathParam("id"), caller, ctx.body().asJsonObject().getString("reason"))
        .onSuccess(survivor -> {
          var hold = survivor.retention().hold();
          ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
              .end(new io.vertx.core.json.JsonObject().put("reason", hold.reason()).put("by", hold.by())
                  .put("at", hold.at().toString()).encode());
        })
        .onFailure(ctx::fail);
  }

  private void liftHold(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    var body = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    holds.lift(ctx.pathParam("id"), caller, body == null ? null : body.getString("reason"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void erase(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String reason = ctx.body().asJsonObject().getString("reason");
    erasure.erase(ctx.pathParam("id"), caller, reason)
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void removeContact(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    var body = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    String reason = body == null ? null : body.getString("reason");
    erasure.removeContact(ctx.pathParam("id"), caller, ctx.pathParam("channel"), reason)
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

}
