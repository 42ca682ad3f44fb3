package org.voz.web.console;

import io.vertx.ext.web.RoutingContext;
import org.voz.service.Refusal;
import org.voz.service.staff.AlertEmails;
import org.voz.staff.StaffMember;

/**
 * {@code /console/alert-email}: a case manager chooses to get each alert by e-mail too (type and case reference, a
 * link here), and where. A plain form (CSRF token, no script); other roles get 403 (alerts reach case managers).
 */
final class AlertEmailPage {

  private final ConsoleRoutes console;
  private final AlertEmails emails;

  AlertEmailPage(ConsoleRoutes console, AlertEmails emails) {
    this.console = console;
    this.emails = emails;
  }

  void show(RoutingContext ctx) {
    StaffMember member = ConsoleRoutes.member(ctx);
    emails.of(member)
        .onSuccess(setting -> render(ctx, 200, setting.address(), setting.enabled(), null,
            "1".equals(ctx.request().getParam("saved"))))
        .onFailure(ctx::fail);
  }

  void save(RoutingContext ctx) {
    StaffMember member = ConsoleRoutes.member(ctx);
    String address = ctx.request().getFormAttribute("address");
    boolean enabled = "on".equals(ctx.request().getFormAttribute("enabled"));
    emails.save(member, address, enabled)
        .onSuccess(saved -> Renderer.redirect(ctx, "/console/alert-email?saved=1"))
        .onFailure(failure -> {
          if (failure instanceof Refusal refusal && refusal.kind() == Refusal.Kind.INVALID) {
            render(ctx, 400, address == null ? "" : address, enabled, "alertEmail." + refusal.code(), false);
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void render(RoutingContext ctx, int status, String address, boolean enabled, String error, boolean saved) {
    ConsoleMessages.Texts t = console.texts(ctx);
    console.renderer().render(ctx, status, "alertEmail.jte", new Views.AlertEmail(
        console.page(ctx, t.get("alertEmail.title"), "alert-email"), address, enabled, emails.available(),
        error == null ? null : t.get(error), saved));
  }
}
