package org.voz.web.api;

import io.vertx.ext.web.RoutingContext;
import org.voz.service.casework.Erasure;
import org.voz.staff.StaffMember;

/**
 * A survivor's record as a whole: erasing it ({@code DELETE /api/v1/survivors/{id}}) and removing one contact
 * ({@code DELETE /api/v1/survivors/{id}/contacts/{channel}}, a seized phone). The contract has checked the roles
 * and the body; whose survivor it is, the use case checks.
 */
public final class RecordsApi {

  private final Erasure erasure;

  public RecordsApi(Erasure erasure) {
    this.erasure = erasure;
  }

  public void bind(io.vertx.ext.web.openapi.router.RouterBuilder api) {
    StaffContract.route(api, "eraseSurvivor").addHandler(this::erase);
    StaffContract.route(api, "removeContact").addHandler(this::removeContact);
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
