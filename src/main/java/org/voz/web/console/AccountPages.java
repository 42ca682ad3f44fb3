package org.voz.web.console;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.crypto.Totp;
import org.voz.service.Refusal;
import org.voz.service.staff.ConsoleAccounts;
import org.voz.staff.StaffMember;
import org.voz.store.ConsoleSessions;

/**
 * Sign-in (password and TOTP, or the organisation's single sign-on when configured), sign-out, and the invitation
 * page (set a password and enrol TOTP, or after a reset prove the password and enrol a new second factor). The forms
 * before sign-in carry the pre-session CSRF token; a new session gets a new id and its own CSRF token. Nothing
 * typed here is logged. A locked account or address gets a page that says to wait, not what was wrong.
 */
final class AccountPages {

  private static final Logger LOG = LoggerFactory.getLogger(AccountPages.class);

  private final ConsoleRoutes console;
  private final ConsoleAccounts accounts;
  private final ConsoleSessions sessions;
  private final SingleSignOn signOn;

  AccountPages(ConsoleRoutes console, ConsoleAccounts accounts, ConsoleSessions sessions, SingleSignOn signOn) {
    this.console = console;
    this.accounts = accounts;
    this.sessions = sessions;
    this.signOn = signOn;
  }

  void mount(Router router) {
    router.get("/console/sign-in").handler(ctx -> signInPage(ctx, 200, "", null));
    router.post("/console/sign-in").handler(this::signIn);
    router.post("/console/sign-out").handler(console.signedIn(this::signOut));
    router.get("/console/invite/:token").handler(this::invitePage);
    router.post("/console/invite/:token").handler(this::enrol);
    if (signOn != null) {
      router.get(SingleSignOn.START).handler(this::startSingleSignOn);
      router.get(SingleSignOn.CALLBACK).handler(this::finishSingleSignOn);
    }
  }

  private void signInPage(RoutingContext ctx, int status, String username, String error) {
    ConsoleMessages.Texts t = console.texts(ctx);
    boolean signedOut = "1".equals(ctx.request().getParam("signed-out"));
    console.renderer().render(ctx, status, "sign-in.jte",
        new Views.SignIn(console.page(ctx, t.get("signIn.title"), null), username, error, signedOut && error == null,
            signOn == null ? null : t.get("signIn.sso", signOn.name()), SingleSignOn.START));
  }

  private void signIn(RoutingContext ctx) {
    if (!ConsoleSecurity.preSessionTokenMatches(ctx)) {
      console.csrfRefused(ctx);
      return;
    }
    String username = form(ctx, "username");
    accounts.signIn(username, form(ctx, "password"), form(ctx, "code"), console.security().clientAddress(ctx))
        .compose(result -> {
          if (result.member().isPresent()) {
            return startSession(ctx, result.member().get()).onSuccess(v -> Renderer.redirect(ctx, "/console"));
          }
          if (result.locked()) {
            lockedPage(ctx, result.waitFor());
          } else {
            signInPage(ctx, 401, username, console.texts(ctx).get("signIn.failed"));
          }
          return Future.succeededFuture();
        })
        .onFailure(ctx::fail);
  }

  /** 429 with Retry-After: wait this long; the page says so, and nothing about which part was wrong. */
  private void lockedPage(RoutingContext ctx, Duration wait) {
    ConsoleMessages.Texts t = console.texts(ctx);
    long minutes = Math.max(1, (wait == null ? Duration.ofMinutes(1) : wait).plusSeconds(59).toMinutes());
    ctx.response().putHeader("Retry-After", Long.toString(minutes * 60));
    console.renderer().render(ctx, 429, "message.jte", new Views.Message(console.page(ctx, t.get("signIn.locked.title"), null),
        t.get("signIn.locked.body", minutes)));
  }

  private Future<Void> startSession(RoutingContext ctx, StaffMember member) {
    String id = console.security().randomToken();
    return sessions.create(id, new ConsoleSessions.Session(member.id(), console.security().randomToken(),
            accounts.now().toEpochMilli()))
        .onSuccess(v -> {
          ctx.response().addCookie(console.security().cookie(ConsoleSecurity.SESSION_COOKIE, id));
          console.security().expire(ctx, ConsoleSecurity.CSRF_COOKIE);
        });
  }

  private void signOut(RoutingContext ctx) {
    String staffId = ConsoleRoutes.member(ctx).id();
    sessions.end(ConsoleRoutes.sessionId(ctx))
        .compose(v -> accounts.signedOut(staffId, console.security().clientAddress(ctx), false))
        .onSuccess(v -> {
          console.security().expire(ctx, ConsoleSecurity.SESSION_COOKIE);
          Renderer.redirect(ctx, "/console/sign-in?signed-out=1");
        })
        .onFailure(ctx::fail);
  }

  private void startSingleSignOn(RoutingContext ctx) {
    signOn.start()
        .onSuccess(start -> {
          ctx.response().addCookie(Cookie.cookie(SingleSignOn.COOKIE, start.cookie()).setPath(SingleSignOn.START)
              .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(console.security().secure()).setMaxAge(600));
          Renderer.redirect(ctx, start.url());
        })
        .onFailure(failure -> {
          LOG.warn("console single sign-on unavailable: {}", failure.getClass().getSimpleName());
          ConsoleMessages.Texts t = console.texts(ctx);
          console.message(ctx, 503, t.get("sso.unavailable.title", signOn.name()), t.get("sso.unavailable.body"));
        });
  }

  /**
   * The provider's answer. The session cookie is SameSite=Strict, which a browser does not send on a redirect that
   * began at the provider: so the page answers 200 and moves on to the console itself (a refresh, and a link).
   */
  private void finishSingleSignOn(RoutingContext ctx) {
    Cookie attempt = ctx.request().getCookie(SingleSignOn.COOKIE);
    ctx.response().addCookie(Cookie.cookie(SingleSignOn.COOKIE, "").setPath(SingleSignOn.START).setMaxAge(0)
        .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(console.security().secure()));
    String address = console.security().clientAddress(ctx);
    signOn.finish(attempt == null ? null : attempt.getValue(), ctx.request().getParam("state"), ctx.request().getParam("code"))
        .compose(vouched -> accounts.signInVouched(vouched.staffId(), vouched.roles(), address))
        .recover(failure -> {
          if (failure instanceof SingleSignOn.Refused refused) {
            LOG.info("console single sign-on refused reason={}", refused.getMessage());
            return accounts.signInVouched("", java.util.Set.of(), address);
          }
          return Future.failedFuture(failure);
        })
        .compose(member -> {
          ConsoleMessages.Texts t = console.texts(ctx);
          if (member.isEmpty()) {
            console.message(ctx, 401, t.get("sso.refused.title", signOn.name()), t.get("sso.refused.body"));
            return Future.succeededFuture();
          }
          return startSession(ctx, member.get()).onSuccess(v -> console.renderer().render(ctx, 200, "continue.jte",
              new Views.Continue(console.page(ctx, t.get("sso.done.title"), null), "/console")));
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
          boolean secondFactorOnly = found.get().secondFactorOnly();
          Views.Page page = new Views.Page(own, own.get(secondFactorOnly ? "reset.title" : "invite.title"), null,
              console.security().preSessionToken(ctx), null);
          console.renderer().render(ctx, status, "invite.jte", new Views.Invite(page,
              "/console/invite/" + token, found.get().member().name(), found.get().member().id(), secret,
              QrSvg.of(uri, own.get("invite.scan")), error == null ? null : own.get(error), errorField, secondFactorOnly));
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
