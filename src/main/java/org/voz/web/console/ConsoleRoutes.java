package org.voz.web.console;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.service.Refusal;
import org.voz.service.staff.AlertEmails;
import org.voz.service.staff.AlertInbox;
import org.voz.service.staff.InboxFlags;
import org.voz.service.staff.LiveAlerts;
import org.voz.service.staff.ConsoleAccounts;
import org.voz.service.staff.StaffAdmin;
import org.voz.staff.StaffMember;
import org.voz.store.ConsoleSessions;
import org.voz.store.StaffRepository;

/**
 * The staff console under {@code /console}: server-rendered pages (jte) on GOV.UK Frontend (a webjar, served
 * under {@code /console/assets/}), every form working without script. Signed-in pages go through
 * {@link #signedIn}: the session cookie, the session in Redis (idle timeout restarted), the member, and on a
 * POST the session's CSRF token; a page without a session redirects (303) to the sign-in page.
 */
public final class ConsoleRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
  /** The design system's compiled CSS inside its webjar (the version is the pom's govuk-frontend.version). */
  static final String GOVUK = "META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk";
  private static final String SESSION = "console.session";
  private static final String SESSION_ID = "console.sessionId";
  private static final String MEMBER = "console.member";

  private final StaffRepository staff;
  private final ConsoleSessions sessions;
  private final ConsoleMessages messages;
  private final ConsoleSecurity security;
  private final Renderer renderer = new Renderer();
  private final AccountPages accounts;
  private final InboxPage inbox;
  private CaseworkPages casework;
  private final ConsoleAccounts accountService;
  private final StaffPages staffPages;
  private final AlertStream stream;
  private final AlertEmailPage alertEmail;

  private final String publicUrl;

  /**
   * What the account pages need besides the accounts.
   *
   * @param admin         an admin's actions on accounts (the staff and audit pages)
   * @param signOn        the organisation's single sign-on, or null when not configured
   * @param addressHeader the request header a trusted reverse proxy puts the client's address in ("" = the peer)
   * @param publicUrl     the base of the links shown (a second-factor set-up link)
   */
  public record Admin(StaffAdmin admin, SingleSignOn signOn, String addressHeader, String publicUrl) {}

  /** What the alerts inbox needs beyond the alerts: the flags, the live updates and their heartbeat, e-mail alerts. */
  public record Inbox(InboxFlags flags, LiveAlerts live, java.time.Duration heartbeat, AlertEmails emails) {}

  public ConsoleRoutes(StaffRepository staff, ConsoleSessions sessions, ConsoleAccounts accountService,
      AlertInbox alerts, Inbox more, boolean production, Admin admin) {
    this.staff = staff;
    this.sessions = sessions;
    this.messages = new ConsoleMessages(StaffMember.LANGUAGES);
    this.security = new ConsoleSecurity(production, admin.addressHeader());
    this.accountService = accountService;
    this.accounts = new AccountPages(this, accountService, sessions, admin.signOn());
    this.inbox = new InboxPage(this, alerts, more.flags());
    this.stream = new AlertStream(this, alerts, more.live(), sessions, more.heartbeat());
    this.alertEmail = new AlertEmailPage(this, more.emails());
    this.staffPages = new StaffPages(this, admin.admin());
    this.publicUrl = admin.publicUrl().endsWith("/") ? admin.publicUrl().substring(0, admin.publicUrl().length() - 1)
        : admin.publicUrl();
  }

  String publicUrl() {
    return publicUrl;
  }

  public void mount(Router router) {
    router.route("/console*").handler(security::headers);
    router.route("/console*").failureHandler(this::failed);
    router.get("/console/assets/voz.css").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/css; charset=utf-8").sendFile("console/voz.css"));
    router.get("/console/assets/inbox.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").sendFile("console/inbox.js"));
    router.get("/console/assets/*").handler(StaticHandler.create(GOVUK).setCachingEnabled(false)
        .setDirectoryListing(false).setIncludeHidden(false));
    accounts.mount(router);
    router.get("/console").handler(signedIn(inbox::show));
    router.get("/console/alerts").handler(ctx -> Renderer.redirect(ctx, "/console"));
    router.get("/console/alerts/stream").handler(signedIn(stream::open));
    router.post("/console/alerts/:id/ack").handler(signedIn(inbox::acknowledge));
    if (casework != null) {
      casework.mount(router);
    }
    staffPages.mount(router);
    router.get("/console/alert-email").handler(signedIn(alertEmail::show));
    router.post("/console/alert-email").handler(signedIn(alertEmail::save));
    router.route("/console/*").last().handler(ctx -> message(ctx, 404, texts(ctx).get("notFound.title"), null));
  }

  /** The case manager's casework pages (survivors, enrolment, file requests), mounted with the others. */
  public void withCasework(CaseworkPages.Uses uses) {
    this.casework = new CaseworkPages(this, uses);
  }

  /** The handler, for a signed-in member only; a POST must carry the session's CSRF token (else 403). */
  Handler<RoutingContext> signedIn(Handler<RoutingContext> handler) {
    return signedIn(handler, true);
  }

  /**
   * As {@link #signedIn(Handler)}; with {@code checkCsrf} false the handler reads the body itself (still paused: a
   * multipart upload) and must check the CSRF token with {@link #csrfMatches} before it acts.
   */
  Handler<RoutingContext> signedIn(Handler<RoutingContext> handler, boolean checkCsrf) {
    return ctx -> {
      Cookie cookie = ctx.request().getCookie(ConsoleSecurity.SESSION_COOKIE);
      if (cookie == null || cookie.getValue().isBlank()) {
        noSession(ctx);
        return;
      }
      String id = cookie.getValue();
      sessions.touch(id)
          .compose(session -> session.isEmpty()
              ? io.vertx.core.Future.succeededFuture(Optional.<StaffMember>empty())
              : admitted(ctx, id, session.get()))
          .onSuccess(member -> {
            if (member.isEmpty()) {
              security.expire(ctx, ConsoleSecurity.SESSION_COOKIE);
              noSession(ctx);
              return;
            }
            ctx.put(MEMBER, member.get());
            ctx.put(SESSION_ID, id);
            if (checkCsrf && ctx.request().method().name().equals("POST")
                && !ConsoleSecurity.matches(session(ctx).csrf(), ctx.request().getFormAttribute(ConsoleSecurity.CSRF_FIELD))) {
              csrfRefused(ctx);
              return;
            }
            handler.handle(ctx);
          })
          .onFailure(ctx::fail);
    };
  }

  /**
   * The session's member if their account still admits it: a member deactivated, or whose second factor was reset,
   * since the session began is signed out here, on their next request (the session ended and the event kept).
   */
  private io.vertx.core.Future<Optional<StaffMember>> admitted(RoutingContext ctx, String id, ConsoleSessions.Session session) {
    return staff.access(session.staffId()).compose(access -> {
      if (!access.admits(session.createdAt())) {
        return sessions.end(id)
            .compose(v -> accountService.signedOut(session.staffId(), security.clientAddress(ctx), !access.active()))
            .map(v -> Optional.<StaffMember>empty());
      }
      return staff.find(session.staffId()).map(member -> {
        ctx.put(SESSION, session);
        return member;
      });
    });
  }

  private void noSession(RoutingContext ctx) {
    if (ctx.request().method().name().equals("GET")) {
      Renderer.redirect(ctx, "/console/sign-in");
    } else {
      csrfRefused(ctx); // a form posted without a session has no valid CSRF token either
    }
  }

  void csrfRefused(RoutingContext ctx) {
    LOG.info("console form refused path={} reason=csrf", ctx.normalizedPath().startsWith("/console/invite/")
        ? "/console/invite/{token}" : ctx.normalizedPath());
    message(ctx, 403, texts(ctx).get("csrf.title"), texts(ctx).get("csrf.body"));
  }

  /** Whether {@code token} is the signed-in session's CSRF token. */
  static boolean csrfMatches(RoutingContext ctx, String token) {
    return ConsoleSecurity.matches(session(ctx).csrf(), token);
  }

  static StaffMember member(RoutingContext ctx) {
    return ctx.get(MEMBER);
  }

  static ConsoleSessions.Session session(RoutingContext ctx) {
    return ctx.get(SESSION);
  }

  static String sessionId(RoutingContext ctx) {
    return ctx.get(SESSION_ID);
  }

  ConsoleSecurity security() {
    return security;
  }

  Renderer renderer() {
    return renderer;
  }

  /** The texts of the signed-in member's language, or the default (Spanish) before sign-in. */
  ConsoleMessages.Texts texts(RoutingContext ctx) {
    StaffMember member = member(ctx);
    return messages.in(member == null ? null : member.language());
  }

  ConsoleMessages.Texts textsIn(String language) {
    return messages.in(language);
  }

  /** The page frame: signed in (with the session's CSRF token) or not (with the pre-session one). */
  Views.Page page(RoutingContext ctx, String title, String nav) {
    StaffMember member = member(ctx);
    String csrf = member != null ? session(ctx).csrf() : security.preSessionToken(ctx);
    return new Views.Page(texts(ctx), title, member, csrf, nav);
  }

  void message(RoutingContext ctx, int status, String title, String body) {
    renderer.render(ctx, status, "message.jte", new Views.Message(page(ctx, title, null), body));
  }

  /** A failed console request: a use case's refusal as its page, anything else a 503 page (logged by class). */
  private void failed(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ConsoleMessages.Texts t = texts(ctx);
    if (failure instanceof Refusal refusal) {
      switch (refusal.kind()) {
        case FORBIDDEN -> message(ctx, 403, t.get("denied.title"), null);
        case NOT_FOUND -> message(ctx, 404, t.get("notFound.title"), null);
        default -> message(ctx, 400, t.get("error.title"), null);
      }
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      message(ctx, ctx.statusCode(), t.get("error.title"), null);
    } else {
      LOG.error("console request failed method={} path={}", ctx.request().method(), "/console", failure);
      message(ctx, 503, t.get("unavailable.title"), t.get("unavailable.body"));
    }
  }
}
