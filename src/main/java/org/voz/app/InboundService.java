package org.voz.app;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.InboundMessage;
import org.voz.channel.OutboundText;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.conversation.Engine;
import org.voz.conversation.Inbound;
import org.voz.conversation.Session;
import org.voz.conversation.SurvivorView;
import org.voz.conversation.Transition;
import org.voz.crypto.Keyring;
import org.voz.crypto.PinHasher;
import org.voz.store.Commit;
import org.voz.store.Keys;
import org.voz.store.OutboxEntry;
import org.voz.store.SessionStore;
import org.voz.store.SurvivorRepository;
import org.voz.store.Versioned;

/**
 * The imperative shell around the engine: for one inbound message, find the survivor, load the session,
 * run the engine (on a worker thread: PIN checks are slow on purpose), and commit the transition
 * atomically; on a version conflict, reload and run again. The returned future completes only after the
 * commit, so a webhook answered 2xx never loses a message.
 */
public final class InboundService {

  private static final Logger LOG = LoggerFactory.getLogger(InboundService.class);
  private static final int MAX_CONFLICTS = 16;

  private final Vertx vertx;
  private final Engine engine;
  private final SessionStore sessions;
  private final SurvivorRepository survivors;
  private final Keyring keyring;
  private final PinHasher pins;
  private final Keys keys;
  private final VozMetrics metrics;
  private final Clock clock;
  private final IntConsumer committed;
  private final KeyedSequencer sequencer = new KeyedSequencer();

  /** @param committed told the partition of every commit that appended to an outbox (the dispatcher's poke) */
  public InboundService(
      Vertx vertx, Engine engine, SessionStore sessions, SurvivorRepository survivors, Keyring keyring,
      PinHasher pins, Keys keys, VozMetrics metrics, Clock clock, IntConsumer committed) {
    this.vertx = vertx;
    this.engine = engine;
    this.sessions = sessions;
    this.survivors = survivors;
    this.keyring = keyring;
    this.pins = pins;
    this.keys = keys;
    this.metrics = metrics;
    this.clock = clock;
    this.committed = committed;
  }

  public Future<Commit.Result> receive(InboundMessage message) {
    metrics.messageIn(message.channel());
    Timer.Sample sample = Timer.start();
    return survivors
        .idForAddress(message.channel(), message.address())
        .compose(
            id ->
                id.isPresent()
                    ? sequencer.run(id.get(), () -> fromSurvivor(id.get(), message, 0))
                    : fromStranger(message))
        .onSuccess(
            result -> {
              sample.stop(metrics.commitLatency());
              if (result == Commit.Result.DUPLICATE) {
                metrics.duplicate(message.channel());
              }
            });
  }

  private Future<Commit.Result> fromStranger(InboundMessage message) {
    String hash = keyring.addressHash(message.channel(), message.address());
    int partition = keys.partitionOf(hash);
    Instant now = clock.instant();
    Transition transition = engine.unknownSender(toInbound(message), now);
    Commit commit =
        new Commit(partition, null, 0, null, message.providerId(),
            replies(transition, message), List.of());
    return commitAndPoke(commit).onSuccess(r -> LOG.info("inbound from unknown sender partition={} result={}", partition, r));
  }

  private Future<Commit.Result> fromSurvivor(String survivorId, InboundMessage message, int conflicts) {
    int partition = keys.partitionOf(survivorId);
    Future<Versioned> stored = sessions.load(partition, survivorId);
    Future<Survivor> record =
        survivors.find(survivorId).map(found -> found.orElseThrow(() -> new IllegalStateException("address index points to a missing survivor " + survivorId)));
    return Future.all(stored, record)
        .compose(both -> runEngine(stored.result(), record.result(), message))
        .compose(transition -> commitAndPoke(toCommit(partition, stored.result(), record.result(), transition, message)))
        .compose(
            result -> {
              if (result != Commit.Result.CONFLICT) {
                LOG.info("inbound survivor={} channel={} result={}", survivorId, message.channel(), result);
                return Future.succeededFuture(result);
              }
              metrics.commitConflict();
              if (conflicts + 1 >= MAX_CONFLICTS) {
                return Future.failedFuture(new IllegalStateException("too many concurrent updates of survivor " + survivorId));
              }
              return fromSurvivor(survivorId, message, conflicts + 1);
            });
  }

  private Future<Transition> runEngine(Versioned stored, Survivor survivor, InboundMessage message) {
    Session session =
        stored.blob() == null
            ? Session.fresh(survivor.language())
            : withVersion(Json.read(keyring.open(stored.blob()), Session.class), stored.version());
    SurvivorView view =
        new SurvivorView(survivor.id(), survivor.consents().stream().map(ConsentItem::view).toList());
    Instant now = clock.instant();
    return vertx.executeBlocking(
        () -> engine.step(session, toInbound(message), now, view, pin -> pins.matches(pin, survivor.pinHash())),
        false);
  }

  private static Session withVersion(Session s, long version) {
    return new Session(version, s.language(), s.flow(), s.step(), s.verified(), s.pinFailures(), s.locked(),
        s.optedOut(), s.invalidCount(), s.lastActivity(), s.turns(), s.vars());
  }

  private Commit toCommit(int partition, Versioned stored, Survivor survivor, Transition transition, InboundMessage message) {
    List<OutboxEntry> outbox = new ArrayList<>(replies(transition, message));
    List<String> ledger = new ArrayList<>();
    Instant now = clock.instant();
    for (Effect effect : transition.effects()) {
      if (effect instanceof Effect.RaiseAlert alert) {
        outbox.add(alertEntry(alert, survivor, now));
      } else if (effect instanceof Effect.AppendLedger event) {
        ledger.add(keyring.seal(Json.write(ledgerEvent(event, transition.session(), message, now))));
      }
    }
    return new Commit(partition, survivor.id(), stored.version(),
        keyring.seal(Json.write(transition.session())), message.providerId(), outbox, ledger);
  }

  private List<OutboxEntry> replies(Transition transition, InboundMessage message) {
    return transition.replies().stream()
        .map(reply -> new OutboxEntry(UUID.randomUUID().toString(), "reply", message.channel(),
            keyring.seal(message.address()),
            keyring.seal(Json.write(new OutboundText(reply.text(), reply.choices()))), 0))
        .toList();
  }

  private OutboxEntry alertEntry(Effect.RaiseAlert alert, Survivor survivor, Instant now) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", id);
    payload.put("type", alert.type());
    payload.put("survivorId", survivor.id());
    payload.put("caseRef", survivor.caseRef());
    payload.put("caseManager", survivor.caseManager());
    payload.putAll(alert.fields());
    payload.put("at", now.toString());
    return new OutboxEntry(id, "alert", "webhook", "", keyring.seal(Json.write(payload)), 0);
  }

  private static Map<String, Object> ledgerEvent(Effect.AppendLedger event, Session session, InboundMessage message, Instant now) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", event.type());
    e.put("at", now.toString());
    e.put("channel", message.channel());
    e.put("actor", "survivor");
    e.put("language", session.language());
    e.putAll(event.fields());
    return e;
  }

  private Future<Commit.Result> commitAndPoke(Commit commit) {
    return sessions.commit(commit)
        .onSuccess(result -> {
          if (result == Commit.Result.COMMITTED && !commit.outbox().isEmpty()) {
            committed.accept(commit.partition());
          }
        });
  }

  private static Inbound toInbound(InboundMessage message) {
    return new Inbound(message.text(), message.channel(), message.media());
  }
}
