package org.voz.web.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.voz.service.Refusal;
import org.voz.service.staff.StaffAdmin;
import org.voz.staff.StaffMember;
import org.voz.store.ConsoleAudit;

/**
 * The admin's pages: {@code /console/staff} (every member, each with what can be done: deactivate or reactivate,
 * reset the second factor, rotate the API token) and {@code /console/audit} (sign-ins, sign-outs and admins'
 * actions, newest first, a page at a time). The same use case as the staff API; anyone but an admin gets 403. A
 * new token or link is shown once, on the answer to the form, never in a URL.
 */
final class StaffPages {

  static final int AUDIT_PAGE = 50;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final Set<String> DONE = Set.of("deactivated", "reactivated");

  private final ConsoleRoutes console;
  private final StaffAdmin admin;

  StaffPages(ConsoleRoutes console, StaffAdmin admin) {
    this.console = console;
    this.admin = admin;
  }

  void mount(Router router) {
    router.get("/console/staff").handler(console.signedIn(adminOnly(this::list)));
    router.post("/console/staff/:id/deactivate").handler(console.signedIn(adminOnly(this::deactivate)));
    router.post("/console/staff/:id/reactivate").handler(console.signedIn(adminOnly(this::reactivate)));
    router.post("/console/staff/:id/second-factor").handler(console.signedIn(adminOnly(this::resetSecondFactor)));
    router.post("/console/staff/:id/token").handler(console.signedIn(adminOnly(this::rotateToken)));
    router.get("/console/audit").handler(console.signedIn(adminOnly(this::audit)));
  }

  private io.vertx.core.Handler<RoutingContext> adminOnly(io.vertx.core.Handler<RoutingContext> handler) {
    return ctx -> {
      if (!ConsoleRoutes.member(ctx).is(StaffMember.ADMIN)) {
        console.message(ctx, 403, console.texts(ctx).get("denied.title"), null);
        return;
      }
      handler.handle(ctx);
    };
  }

  private void list(RoutingContext ctx) {
    ConsoleMessages.Texts t = console.texts(ctx);
    StaffMember me = ConsoleRoutes.member(ctx);
    String done = ctx.request().getParam("done");
    String who = ctx.request().getParam("id");
    admin.list()
        .onSuccess(members -> {
          List<Views.StaffRow> rows = members.stream().map(m -> new Views.StaffRow(m.member().id(), m.member().name(),
              t.get("role." + m.member().role()), m.active(), t.get(m.active() ? "staff.active" : "staff.inactive"),
              t.get("staff.console." + m.console().name().toLowerCase(java.util.Locale.ROOT)),
              !m.member().id().equals(me.id()))).toList();
          String banner = done != null && DONE.contains(done) && who != null && who.matches("[a-z0-9][a-z0-9._-]{0,63}")
              ? t.get("staff.done." + done, who) : null;
          console.renderer().render(ctx, 200, "staff.jte", new Views.Staff(console.page(ctx, t.get("staff.title"), "staff"),
              rows, banner));
        })
        .onFailure(ctx::fail);
  }

  private void deactivate(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    admin.deactivate(ConsoleRoutes.member(ctx), id)
        .onSuccess(m -> Renderer.redirect(ctx, "/console/staff?done=deactivated&id=" + id))
        .onFailure(failure -> refused(ctx, failure));
  }

  private void reactivate(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    admin.reactivate(ConsoleRoutes.member(ctx), id)
        .onSuccess(m -> Renderer.redirect(ctx, "/console/staff?done=reactivated&id=" + id))
        .onFailure(failure -> refused(ctx, failure));
  }

  private void resetSecondFactor(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    ConsoleMessages.Texts t = console.texts(ctx);
    admin.resetSecondFactor(ConsoleRoutes.member(ctx), id)
        .onSuccess(link -> console.renderer().render(ctx, 200, "shown-once.jte", new Views.ShownOnce(
            console.page(ctx, t.get("staff.reset.title"), "staff"), t.get("staff.reset.title"),
            t.get(link.secondFactorOnly() ? "staff.reset.intro" : "staff.reset.invite", id), t.get("staff.reset.label"),
            console.publicUrl() + "/console/invite/" + link.token(), "setup-link")))
        .onFailure(failure -> refused(ctx, failure));
  }

  private void rotateToken(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    ConsoleMessages.Texts t = console.texts(ctx);
    admin.rotateToken(ConsoleRoutes.member(ctx), id)
        .onSuccess(token -> console.renderer().render(ctx, 200, "shown-once.jte", new Views.ShownOnce(
            console.page(ctx, t.get("staff.token.title"), "staff"), t.get("staff.token.title"),
            t.get("staff.token.intro", id), t.get("staff.token.label"), token, "api-token")))
        .onFailure(failure -> refused(ctx, failure));
  }

  /** A refusal of the use case as a page that says what (a deactivated member, one's own account, no such member). */
  private void refused(RoutingContext ctx, Throwable failure) {
    ConsoleMessages.Texts t = console.texts(ctx);
    if (failure instanceof Refusal refusal && refusal.kind() == Refusal.Kind.CONFLICT) {
      console.message(ctx, 409, t.get("staff.refused." + refusal.code()), null);
    } else {
      ctx.fail(failure);
    }
  }

  private void audit(RoutingContext ctx) {
    ConsoleMessages.Texts t = console.texts(ctx);
    String before = ctx.request().getParam("before");
    admin.events(before, AUDIT_PAGE)
        .onSuccess(page -> console.renderer().render(ctx, 200, "audit.jte", new Views.Audit(
            console.page(ctx, t.get("audit.title"), "audit"),
            page.events().stream().map(e -> row(e, t)).toList(),
            page.older() == null ? null : "/console/audit?before=" + page.older(), before == null)))
        .onFailure(ctx::fail);
  }

  private static Views.AuditRow row(ConsoleAudit.Event e, ConsoleMessages.Texts t) {
    String key = "audit.type." + e.type();
    return new Views.AuditRow(WHEN.format(e.at()), t.has(key) ? t.get(key) : e.type(),
        e.staffId() == null ? "—" : e.staffId(), e.by() == null ? "—" : e.by(),
        e.address() == null ? "—" : e.address().substring(0, Math.min(12, e.address().length())));
  }
}
