package org.voz.service.staff;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.service.Refusal;
import org.voz.staff.StaffMember;
import org.voz.store.AlertRepository;
import org.voz.store.HandledAlerts;

/**
 * A staff member's open alerts and their acknowledgement, for the API and the console alike: a case manager
 * sees and acknowledges only the alerts of their own caseload, an admin all of them.
 */
public final class AlertInbox {

  private static final Logger LOG = LoggerFactory.getLogger(AlertInbox.class);

  /** An acknowledgement: which alert, by whom, when. */
  public record Acknowledged(String id, String by, Instant at) {}

  private final AlertRepository alerts;
  private final HandledAlerts handled;
  private final Clock clock;

  public AlertInbox(AlertRepository alerts, HandledAlerts handled, Clock clock) {
    this.alerts = alerts;
    this.handled = handled;
    this.clock = clock;
  }

  /** The caller's open alerts, each as the webhook received it (plus {@code delivery: failed}), oldest first. */
  public Future<List<JsonObject>> open(StaffMember caller) {
    return alerts.all().map(open -> open.stream()
        .map(a -> a.deliveryFailed() ? new JsonObject(a.json()).put("delivery", "failed") : new JsonObject(a.json()))
        .filter(a -> mayHandle(caller, a))
        .sorted(Comparator.comparing(a -> a.getString("at", "")))
        .toList());
  }

  /**
   * Acknowledges an open alert: no longer listed; kept with the note on its survivor's case ({@link #handled}).
   * Refused as not found when it is not open (or was just acknowledged by someone else), as forbidden when it is
   * another case manager's.
   *
   * @param note what the member did about it, or null; recorded with the acknowledgement, never logged
   */
  public Future<Acknowledged> acknowledge(StaffMember caller, String id, String note) {
    Instant at = clock.instant();
    return alerts.find(id)
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(Refusal.notFound("no open alert with this id"));
          }
          if (!mayHandle(caller, new JsonObject(found.get().json()))) {
            return Future.failedFuture(new Refusal(Refusal.Kind.FORBIDDEN, "forbidden",
                "this alert is for another case manager", null));
          }
          JsonObject alert = new JsonObject(found.get().json());
          return alerts.acknowledge(found.get(), caller.id(), at, note).compose(removed -> {
            String survivorId = alert.getString("survivorId");
            if (!removed || survivorId == null) {
              return Future.succeededFuture(removed);
            }
            return handled.record(survivorId, new HandledAlerts.Handled(id, alert.getString("type", ""),
                instant(alert.getString("at")), at, caller.id(), note)).map(true);
          });
        })
        .compose(removed -> {
          if (!removed) {
            return Future.failedFuture(Refusal.notFound("no open alert with this id"));
          }
          LOG.info("alert acknowledged id={} by={}", id, caller.id());
          return Future.succeededFuture(new Acknowledged(id, caller.id(), at));
        });
  }

  /**
   * The alerts handled on a survivor's case, newest first, with their notes: for their page, once the caller may
   * see it (the caller checks, as it opened the survivor).
   */
  public Future<List<HandledAlerts.Handled>> handled(String survivorId) {
    return handled.read(survivorId).map(all -> {
      List<HandledAlerts.Handled> newest = new java.util.ArrayList<>(all);
      java.util.Collections.reverse(newest);
      return newest;
    });
  }

  private static Instant instant(String at) {
    try {
      return at == null ? null : Instant.parse(at);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The one rule of who sees an alert: an admin every one, a case manager those of their caseload (but not one for
   * their supervisors, {@code "audience": "admin"}: a risk level raised to high), a coordinator none.
   */
  static boolean mayHandle(StaffMember caller, JsonObject alert) {
    return caller.is(StaffMember.ADMIN)
        || caller.is(StaffMember.CASE_MANAGER) && caller.id().equals(alert.getString("caseManager"))
            && !org.voz.service.EffectWriter.ADMINS.equals(alert.getString(org.voz.service.EffectWriter.AUDIENCE));
  }
}
