package org.voz.web.console;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.voz.service.staff.AlertInbox;
import org.voz.service.staff.InboxFlags;
import org.voz.staff.StaffMember;

/**
 * The case manager's alerts inbox: their open alerts, newest first, the type in words of their language, the
 * case reference and what changed; each acknowledged by a form (with an optional note) through the same use
 * case as {@code POST /api/v1/alerts/{id}/ack}. A coordinator never sees a survivor's alerts (403).
 */
final class InboxPage {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final int MAX_NOTE = 1000;

  private final ConsoleRoutes console;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final AlertInbox alerts;
  private final InboxFlags flags;

  InboxPage(ConsoleRoutes console, AlertInbox alerts, InboxFlags flags) {
    this.console = console;
    this.alerts = alerts;
    this.flags = flags;
  }

  void show(RoutingContext ctx) {
    StaffMember member = ConsoleRoutes.member(ctx);
    ConsoleMessages.Texts t = console.texts(ctx);
    if (member.is(StaffMember.COORDINATOR)) {
      console.message(ctx, 403, t.get("denied.title"), null);
      return;
    }
    var open = alerts.open(member);
    var flagged = flags.of(member);
    io.vertx.core.Future.all(open, flagged)
        .onSuccess(both -> {
          List<Views.Alert> shown = new ArrayList<>(open.result().stream().map(a -> view(a, t)).toList());
          Collections.reverse(shown); // the use case lists oldest first
          List<Views.Flag> flagViews = flagged.result().stream().map(f -> new Views.Flag(f.kind(), f.caseRef(),
              f.kind().equals("undelivered") ? t.get("channel." + f.what()) : f.what(),
              f.kind().equals("undelivered") ? WHEN.format(f.since()) : DAY.format(f.since()))).toList();
          console.renderer().render(ctx, 200, "inbox.jte", new Views.Inbox(console.page(ctx, t.get("inbox.title"), "alerts"),
              shown, flagViews, "1".equals(ctx.request().getParam("acknowledged"))));
        })
        .onFailure(ctx::fail);
  }

  void acknowledge(RoutingContext ctx) {
    StaffMember member = ConsoleRoutes.member(ctx);
    String note = ctx.request().getFormAttribute("note");
    note = note == null || note.isBlank() ? null : note.strip();
    if (note != null && note.length() > MAX_NOTE) {
      note = note.substring(0, MAX_NOTE);
    }
    alerts.acknowledge(member, ctx.pathParam("id"), note)
        .onSuccess(done -> Renderer.redirect(ctx, "/console?acknowledged=1"))
        .onFailure(ctx::fail);
  }

  static Views.Alert view(JsonObject alert, ConsoleMessages.Texts t) {
    String type = alert.getString("type", "");
    String typeKey = "alert.type." + type;
    return new Views.Alert(alert.getString("id"), t.has(typeKey) ? t.get(typeKey) : t.get("alert.type.other", type),
        alert.getString("caseRef", ""), changed(alert, t), when(alert.getString("at")), "failed".equals(alert.getString("delivery")),
        flag(alert), alert.getString("survivorId", ""));
  }

  /** {@code undelivered} for an alert that says a message was lost or was lost itself, {@code overdue}, or null. */
  static String flag(JsonObject alert) {
    String type = alert.getString("type", "");
    if (type.equals("delivery.failed") || "failed".equals(alert.getString("delivery"))) {
      return "undelivered";
    }
    return type.equals("file_request.overdue") ? "overdue" : null;
  }

  /** What changed, from the alert's own fields: a consent item (what, with whom, what for) or a request. */
  private static String changed(JsonObject alert, ConsoleMessages.Texts t) {
    if (alert.getString("recipient") != null && alert.getString("data") != null) {
      return t.get("change.consent", alert.getString("data"), alert.getString("recipient"), alert.getString("purpose", "—"));
    }
    if (alert.getString("reference") != null) {
      return t.get("change.request", alert.getString("reference"));
    }
    return null;
  }

  private static String when(String at) {
    if (at == null) {
      return "";
    }
    try {
      return WHEN.format(Instant.parse(at));
    } catch (DateTimeParseException e) {
      return at;
    }
  }
}
