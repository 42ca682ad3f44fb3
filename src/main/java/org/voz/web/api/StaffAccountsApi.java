package org.voz.web.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.voz.service.staff.StaffAdmin;
import org.voz.store.ConsoleAudit;

/**
 * An admin's actions on staff accounts ({@link StaffAdmin}, the same as the console's staff page): the list,
 * deactivate, reactivate, reset the second factor, rotate the API token; and the account events, a page at a time.
 */
public final class StaffAccountsApi {

  private final StaffAdmin admin;
  private final String publicUrl;

  public StaffAccountsApi(StaffAdmin admin, String publicUrl) {
    this.admin = admin;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "listStaff").addHandler(this::list);
    StaffContract.route(api, "deactivateStaff").addHandler(this::deactivate);
    StaffContract.route(api, "reactivateStaff").addHandler(this::reactivate);
    StaffContract.route(api, "resetStaffSecondFactor").addHandler(this::resetSecondFactor);
    StaffContract.route(api, "rotateStaffToken").addHandler(this::rotateToken);
    StaffContract.route(api, "listAccountEvents").addHandler(this::events);
  }

  private void list(RoutingContext ctx) {
    admin.list()
        .onSuccess(members -> {
          JsonArray list = new JsonArray();
          members.forEach(m -> list.add(json(m)));
          ctx.json(new JsonObject().put("staff", list));
        })
        .onFailure(ctx::fail);
  }

  private void deactivate(RoutingContext ctx) {
    admin.deactivate(StaffAuth.member(ctx), ctx.pathParam("id")).onSuccess(m -> ctx.json(json(m))).onFailure(ctx::fail);
  }

  private void reactivate(RoutingContext ctx) {
    admin.reactivate(StaffAuth.member(ctx), ctx.pathParam("id")).onSuccess(m -> ctx.json(json(m))).onFailure(ctx::fail);
  }

  private void resetSecondFactor(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    admin.resetSecondFactor(StaffAuth.member(ctx), id)
        .onSuccess(link -> ctx.json(new JsonObject().put("id", id)
            .put("setupLink", publicUrl + "/console/invite/" + link.token())
            .put("secondFactorOnly", link.secondFactorOnly())))
        .onFailure(ctx::fail);
  }

  private void rotateToken(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    admin.rotateToken(StaffAuth.member(ctx), id)
        .onSuccess(token -> ctx.json(new JsonObject().put("id", id).put("token", token)))
        .onFailure(ctx::fail);
  }

  private void events(RoutingContext ctx) {
    String limit = ctx.request().getParam("limit");
    admin.events(ctx.request().getParam("before"), limit == null ? 50 : Integer.parseInt(limit))
        .onSuccess(page -> {
          JsonArray events = new JsonArray();
          for (ConsoleAudit.Event e : page.events()) {
            JsonObject event = new JsonObject().put("id", e.id()).put("at", e.at().toString()).put("type", e.type());
            putIf(event, "staffId", e.staffId());
            putIf(event, "by", e.by());
            putIf(event, "addressHash", e.address());
            events.add(event);
          }
          JsonObject body = new JsonObject().put("events", events);
          putIf(body, "older", page.older());
          ctx.json(body);
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject json(StaffAdmin.Member m) {
    JsonObject member = new JsonObject().put("id", m.member().id()).put("role", m.member().role())
        .put("name", m.member().name()).put("language", m.member().language()).put("active", m.active())
        .put("console", m.console().name().toLowerCase(java.util.Locale.ROOT));
    putIf(member, "deactivatedAt", m.deactivatedAt() == null ? null : m.deactivatedAt().toString());
    return member;
  }

  private static void putIf(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
