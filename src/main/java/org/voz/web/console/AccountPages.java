package org.voz.web.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.crypto.Totp;
import org.voz.service.Refusal;
import org.voz.service.staff.ConsoleAccounts;
import org.voz.store.ConsoleSessions;

/**
 * Sign-in, sign-out and the invitation page (set a password, enrol TOTP). The forms before sign-in carry the
 * pre-session CSRF token; a new session gets a new id and its own CSRF token. Nothing typed here is logged.
 */
final class AccountPages {

  private static final Logger LOG = LoggerFactory.getLogger(AccountPages.class);

  private final ConsoleRoutes console;
  private final ConsoleAccounts accounts;
  private final ConsoleSessions sessions;

  AccountPages(ConsoleRoutes console, ConsoleAccounts accounts, ConsoleSessions sessions) {
    this.console = console;
    this.accounts = accounts;
    this.sessions = sessions;
  }

  void mount(Router router) {
    router.get("/console/sign-in").handler(ctx -> signInPage(ctx, 200, "", null));
    router.post("/console/sign-in").handler(this::signIn);
    router.post("/console/sign-out").handler(console.signedIn(this::signOut));
    router.get("/console/invite/:token").handler(this::invitePage);
    router.post("/console/invite/:token").handler(this::enrol);
  }

  private void signInPage(RoutingContext ctx, int status, String username, String error) {
    ConsoleMessages.Texts t = console.texts(ctx);
    boolean signedOut = "1".equals(ctx.request().getParam("signed-out"));
    console.renderer().render(ctx, status, "sign-in.jte",
        new Views.SignIn(console.page(ctx, t.get("signIn.title"), null), username, error, signedOut && error == null));
  }

  private void signIn(RoutingContext ctx) {
    if (!ConsoleSecurity.preSessionTokenMatches(ctx)) {
      console.csrfRefused(ctx);
      return;
    }
    String username = form(ctx, "username");
    accounts.signIn(username, form(ctx, "password"), form(ctx, "code"))
        .compose(result -> {
          if (result.member().isEmpty()) {
            ConsoleMessages.Texts t = console.texts(ctx);
            signInPage(ctx, 401, username, t.get(result.locked() ? "signIn.locked" : "signIn.failed"));
            return io.vertx.core.Future.succeededFuture();
          }
          String id = console.security().randomToken();
          return sessions.create(id, new ConsoleSessions.Session(result.member().get().id(),
                  console.security().randomToken()))
              .onSuccess(v -> {
                ctx.response().addCookie(console.security().cookie(ConsoleSecurity.SESSION_COOKIE, id));
                console.security().expire(ctx, ConsoleSecurity.CSRF_COOKIE);
                Renderer.redirect(ctx, "/console");
              });
        })
        .onFailure(ctx::fail);
  }

  private void signOut(RoutingContext ctx) {
    String staffId = ConsoleRoutes.member(ctx).id();
    sessions.end(ConsoleRoutes.sessionId(ctx))
        .onSuccess(v -> {
          LOG.info("console signed out staff={}", staffId);
          console.security().expire(ctx, ConsoleSecurity.SESSION_COOKIE);
          Renderer.redirect(ctx, "/console/sign-in?signed-out=1");
        })
        .onFailure(ctx::fail);
  }

  private void invitePage(RoutingContext ctx) {
    showInvite(ctx, 200, null, null);
  }

  private void showInvite(RoutingContext ctx, int status, String error, String errorField) {
    String token = ctx.pathParam("token");
    ConsoleMessages.Texts t = console.texts(ctx);
    accounts.open(token)
        .onSuccess(found -> {
          if (found.isEmpty()) {
            console.message(ctx, 404, t.get("invite.gone.title"), t.get("invite.gone.body"));
            return;
          }
          ConsoleMessages.Texts own = console.textsIn(found.get().member().language());
          String secret = found.get().totpSecret();
          String uri = Totp.uri("Voz", found.get().member().id(), secret);
          Views.Page page = new Views.Page(own, own.get("invite.title"), null,
              console.security().preSessionToken(ctx), null);
          console.renderer().render(ctx, status, "invite.jte", new Views.Invite(page,
              "/console/invite/" + token, found.get().member().name(), found.get().member().id(), secret,
              QrSvg.of(uri, own.get("invite.scan")), error == null ? null : own.get(error), errorField));
        })
        .onFailure(ctx::fail);
  }

  private void enrol(RoutingContext ctx) {
    if (!ConsoleSecurity.preSessionTokenMatches(ctx)) {
      console.csrfRefused(ctx);
      return;
    }
    accounts.enrol(ctx.pathParam("token"), form(ctx, "password"), form(ctx, "confirmation"), form(ctx, "code"))
        .onSuccess(enrolled -> {
          ConsoleMessages.Texts own = console.textsIn(enrolled.member().language());
          console.renderer().render(ctx, 200, "enrolled.jte", new Views.Enrolled(
              new Views.Page(own, own.get("enrolled.title"), null, null, null), enrolled.recoveryCodes()));
        })
        .onFailure(failure -> {
          if (failure instanceof Refusal refusal && refusal.kind() == Refusal.Kind.INVALID) {
            showInvite(ctx, 400, "invite." + refusal.code(), refusal.field());
          } else if (failure instanceof Refusal refusal && refusal.kind() == Refusal.Kind.NOT_FOUND) {
            ConsoleMessages.Texts t = console.texts(ctx);
            console.message(ctx, 404, t.get("invite.gone.title"), t.get("invite.gone.body"));
          } else {
            ctx.fail(failure);
          }
        });
  }

  private static String form(RoutingContext ctx, String name) {
    String value = ctx.request().getFormAttribute(name);
    return value == null ? "" : value;
  }
}
