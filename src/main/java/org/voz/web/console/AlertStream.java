package org.voz.web.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.service.staff.AlertInbox;
import org.voz.service.staff.LiveAlerts;
import org.voz.staff.StaffMember;
import org.voz.store.ConsoleSessions;

/**
 * {@code GET /console/alerts/stream}: the inbox's Server-Sent Events, for a signed-in member (the session cookie, as
 * every console page). First every open alert of the member (the page may have been rendered before some), then each
 * new one as it is opened ({@code event: alert}, its card rendered here in the member's language with the session's
 * CSRF token), and the ids of alerts acknowledged ({@code event: gone}). A comment line every {@code heartbeat} keeps
 * proxies from closing a quiet stream; at each one the session is checked without restarting its idle time, so a
 * stream outlives neither a sign-out nor the session's timeout. A coordinator gets 403; a session with too many
 * streams open 429 (an EventSource then stops trying; the page still works by reloading).
 */
final class AlertStream {

  private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
  /** How long the browser waits before it reconnects a dropped stream. */
  static final long RETRY_MS = 5000;

  private final ConsoleRoutes console;
  private final AlertInbox inbox;
  private final LiveAlerts live;
  private final ConsoleSessions sessions;
  private final Duration heartbeat;

  AlertStream(ConsoleRoutes console, AlertInbox inbox, LiveAlerts live, ConsoleSessions sessions, Duration heartbeat) {
    this.console = console;
    this.inbox = inbox;
    this.live = live;
    this.sessions = sessions;
    this.heartbeat = heartbeat;
  }

  void open(RoutingContext ctx) {
    StaffMember member = ConsoleRoutes.member(ctx);
    ConsoleMessages.Texts t = console.texts(ctx);
    if (member.is(StaffMember.COORDINATOR)) {
      console.message(ctx, 403, t.get("denied.title"), null);
      return;
    }
    HttpServerResponse response = ctx.response();
    String sessionId = ConsoleRoutes.sessionId(ctx);
    Events events = new Events(response, t, ConsoleRoutes.session(ctx).csrf());
    Optional<LiveAlerts.Subscription> subscription = live.subscribe(member, sessionId, events);
    if (subscription.isEmpty()) {
      console.message(ctx, 429, t.get("stream.tooMany"), null);
      return;
    }
    Vertx vertx = ctx.vertx();
    long timer = vertx.setPeriodic(heartbeat.toMillis(), id -> {
      events.comment("keep-alive");
      sessions.exists(sessionId).onComplete(alive -> {
        if (alive.succeeded() && !alive.result()) {
          response.end(); // signed out or timed out: the stream ends with the session
        }
      });
    });
    Runnable closed = () -> {
      subscription.get().close();
      vertx.cancelTimer(timer);
    };
    response.closeHandler(v -> closed.run());
    response.endHandler(v -> closed.run());
    response.exceptionHandler(e -> closed.run());
    response.setStatusCode(200).setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("X-Accel-Buffering", "no") // nginx: pass each event on at once
        .write("retry: " + RETRY_MS + "\n\n");
    LOG.debug("live alerts opened staff={}", member.id());
    inbox.open(member).onSuccess(open -> open.forEach(events::opened))
        .onFailure(e -> LOG.warn("live alerts: the open alerts could not be read: {}", e.getClass().getSimpleName()));
  }

  /** What one open stream writes; a slow reader whose queue is full is dropped (its browser reconnects). */
  private final class Events implements LiveAlerts.Listener {
    private final HttpServerResponse response;
    private final ConsoleMessages.Texts t;
    private final String csrf;
    /** The alerts this stream showed: only their acknowledgements are passed on (no other member's alert id). */
    private final java.util.Set<String> shown = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Events(HttpServerResponse response, ConsoleMessages.Texts t, String csrf) {
      this.response = response;
      this.t = t;
      this.csrf = csrf;
    }

    @Override
    public void opened(JsonObject alert) {
      Views.Alert view = InboxPage.view(alert, t);
      shown.add(view.id());
      String html = console.renderer().html("alertCard.jte", new Views.Card(t, csrf, view));
      send("alert", view.id(), new JsonObject().put("id", view.id()).put("html", html)
          .put("announce", t.get("inbox.new", view.type(), view.caseRef())));
    }

    @Override
    public void gone(String id) {
      if (shown.remove(id)) {
        send("gone", null, new JsonObject().put("id", id));
      }
    }

    void comment(String text) {
      write(": " + text + "\n\n");
    }

    private void send(String event, String id, JsonObject data) {
      // JSON has no raw line break, so the data is one line
      write("event: " + event + "\n" + (id == null ? "" : "id: " + id + "\n") + "data: " + data.encode() + "\n\n");
    }

    private void write(String text) {
      if (response.ended() || response.closed()) {
        return;
      }
      if (response.writeQueueFull()) {
        LOG.info("live alerts stream dropped: the reader is too slow");
        response.reset();
        return;
      }
      response.write(text);
    }
  }
}
