package org.voz.service.staff;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.staff.StaffMember;
import org.voz.store.AlertFeed;
import org.voz.store.AlertRepository;

/**
 * The open consoles of this instance that listen for alerts (the inbox's live updates), and what reaches each: an
 * alert as it is opened, if the listener's member may handle it (the same rule as {@link AlertInbox}: a case manager
 * their caseload's, an admin every one, a coordinator none), and the id of an alert once acknowledged. Fed by the
 * {@link AlertFeed} (every instance hears every alert); each alert is read once per instance, and only while someone
 * listens. At most {@code maxPerSession} listeners per console session. A listener is called on its own context.
 */
public final class LiveAlerts {

  private static final Logger LOG = LoggerFactory.getLogger(LiveAlerts.class);

  /** What a listening console is told. */
  public interface Listener {
    /** A new alert for this member, as {@link AlertInbox#open} lists it. */
    void opened(JsonObject alert);

    /** An alert acknowledged (by anyone): no longer open. */
    void gone(String id);
  }

  /** A listener's registration; {@link #close()} when its connection ends. */
  public final class Subscription implements AutoCloseable {
    private final long id;

    private Subscription(long id) {
      this.id = id;
    }

    @Override
    public void close() {
      listeners.remove(id);
    }
  }

  private record Registered(StaffMember member, String session, Context context, Listener listener) {}

  private final AlertRepository alerts;
  private final int maxPerSession;
  private final Map<Long, Registered> listeners = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  public LiveAlerts(AlertRepository alerts, int maxPerSession) {
    this.alerts = alerts;
    this.maxPerSession = maxPerSession;
  }

  /**
   * Registers a listener for {@code member}, called on the current Vert.x context; empty (nothing registered) when the
   * session already has {@code maxPerSession} listeners, or the member is a coordinator (who gets no alert).
   */
  public synchronized Optional<Subscription> subscribe(StaffMember member, String session, Listener listener) {
    if (member.is(StaffMember.COORDINATOR)) {
      return Optional.empty();
    }
    long same = listeners.values().stream().filter(r -> r.session().equals(session)).count();
    if (same >= maxPerSession) {
      LOG.info("live alerts refused staff={} reason=too_many_streams", member.id());
      return Optional.empty();
    }
    long id = ids.incrementAndGet();
    listeners.put(id, new Registered(member, session, Vertx.currentContext(), listener));
    return Optional.of(new Subscription(id));
  }

  /** Listeners now (all sessions). */
  public int listening() {
    return listeners.size();
  }

  /** What the feed heard: reads each new alert once, then tells the listeners who may handle it. */
  public void heard(AlertFeed.Event event) {
    if (listeners.isEmpty()) {
      return;
    }
    if (!event.opened()) {
      listeners.values().forEach(r -> event.ids().forEach(id -> r.context().runOnContext(v -> r.listener().gone(id))));
      return;
    }
    List<Future<Optional<AlertRepository.OpenAlert>>> reads = event.ids().stream().map(alerts::find).toList();
    Future.join(reads).onComplete(done -> {
      for (Future<Optional<AlertRepository.OpenAlert>> read : reads) {
        if (read.succeeded() && read.result().isPresent()) {
          tell(new JsonObject(read.result().get().json()));
        } else if (read.failed()) {
          LOG.warn("a new alert could not be read for the live inbox: {}", read.cause().getClass().getSimpleName());
        }
      }
    });
  }

  private void tell(JsonObject alert) {
    for (Registered r : listeners.values()) {
      if (AlertInbox.mayHandle(r.member(), alert)) {
        JsonObject copy = alert.copy();
        r.context().runOnContext(v -> r.listener().opened(copy));
      }
    }
  }
}
