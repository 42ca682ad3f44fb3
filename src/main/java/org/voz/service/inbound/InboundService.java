package org.voz.service.inbound;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.conversation.Engine;
import org.voz.conversation.Inbound;
import org.voz.conversation.PinCheck;
import org.voz.conversation.SurvivorView;
import org.voz.conversation.Transition;
import org.voz.crypto.Keyring;
import org.voz.crypto.PinHasher;
import org.voz.service.EffectWriter;
import org.voz.service.SurvivorState;
import org.voz.service.SurvivorStores;
import org.voz.service.VozMetrics;
import org.voz.store.Commit;
import org.voz.store.ExpiryIndex;
import org.voz.store.Keys;
import org.voz.store.OutboxEntry;
import org.voz.store.RequestIndex;
import org.voz.store.SessionCodec;
import org.voz.store.SessionStore;
import org.voz.store.SurvivorRepository;
import org.voz.store.Versioned;

/**
 * The imperative shell around the engine: for one inbound message, find the survivor, run the engine
 * and commit the transition atomically; the returned future completes only after the commit, so a
 * webhook answered 2xx never loses a message.
 *
 * <p>The hot path is one Redis round trip: the survivor's state (session and record, one version) is
 * cached after its first use, and the commit script checks that version. When another instance or a
 * staff change got there first, the script answers CONFLICT with the state that won, and the engine
 * runs again on it. The engine runs on the event loop; only a PIN check (slow on purpose) moves the
 * step to a worker thread. Messages of one survivor are applied in arrival order within an instance.
 */
public final class InboundService {

  private static final Logger LOG = LoggerFactory.getLogger(InboundService.class);
  private static final int MAX_CONFLICTS = 16;
  private static final int CACHE_SIZE = 50_000;
  /**
   * How long an inbound message waits for a Redis that cannot take commands for now, before the webhook answers 503:
   * within Twilio's 15 s webhook timeout, with room for the commit once Redis answers.
   */
  static final java.time.Duration REDIS_WAIT = java.time.Duration.ofSeconds(10);

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
  private final boolean alertOnOptOut;
  private final java.time.Duration strangerQuiet;
  private final EffectWriter effects;
  private final RequestIndex requestIndex;
  private final ExpiryIndex expiries;
  private final FeedbackEffects feedback;
  private final KeyedSequencer sequencer = new KeyedSequencer();
  private final BoundedCache<String, String> idByAddress = new BoundedCache<>(CACHE_SIZE);
  private final BoundedCache<String, SurvivorState> states = new BoundedCache<>(CACHE_SIZE);
  private volatile RepresentativeChat representatives;
  private volatile org.voz.service.KeyHealth keyHealth = org.voz.service.KeyHealth.unchecked();

  /**
   * @param stores    the survivors' sessions, records and indexes (a new file request, or a consent end that moved,
   *                  is indexed before the commit)
   * @param feedback  writes survey answers and escalations before each commit, campaign counters after it
   * @param committed told the partition of every commit that appended to an outbox (the dispatcher's poke)
   * @param alertOnOptOut whether STOP raises {@code contact.opted_out} to the case manager
   * @param strangerQuiet an address no survivor has is answered once, then not again for this long (zero: always)
   */
  public InboundService(Vertx vertx, Engine engine, SurvivorStores stores, PinHasher pins, EffectWriter effects,
      FeedbackEffects feedback, VozMetrics metrics, Clock clock, IntConsumer committed, boolean alertOnOptOut,
      java.time.Duration strangerQuiet) {
    this.strangerQuiet = strangerQuiet;
    this.vertx = vertx;
    this.engine = engine;
    this.sessions = stores.sessions();
    this.survivors = stores.survivors();
    this.keyring = stores.keyring();
    this.keys = stores.keys();
    this.requestIndex = stores.requests();
    this.expiries = stores.expiries();
    this.pins = pins;
    this.effects = effects;
    this.feedback = feedback;
    this.metrics = metrics;
    this.clock = clock;
    this.committed = committed;
    this.alertOnOptOut = alertOnOptOut;
  }

  /** What says whether the data keys open the data: while they do not, no message is taken (see {@link org.voz.service.KeyHealth}). */
  public void keyHealth(org.voz.service.KeyHealth health) {
    this.keyHealth = health;
  }

  public Future<Commit.Result> receive(InboundMessage message) {
    metrics.messageIn(message.channel());
    try {
      keyHealth.require();
    } catch (org.voz.service.KeyHealth.Unavailable e) {
      return Future.failedFuture(e);
    }
    Timer.Sample sample = Timer.start();
    long until = System.nanoTime() + REDIS_WAIT.toNanos();
    return untilRedisAnswers(() -> survivorIdOf(message), until, 0)
        .compose(id -> id == null
            ? untilRedisAnswers(() -> fromRepresentativeOrStranger(message), until, 0)
            : sequencer.run(id, () -> untilRedisAnswers(() -> fromSurvivor(id, message), until, 0)))
        .onSuccess(result -> {
          sample.stop(metrics.commitLatency());
          if (result == Commit.Result.DUPLICATE) {
            metrics.duplicate(message.channel());
          }
        });
  }

  /**
   * Runs {@code step} again while Redis says it cannot take commands for now (a restarted Redis still loading its
   * data, a failover under way: {@link org.voz.store.Redis#unavailableForNow}), with a growing pause, until
   * {@code until} ({@link #REDIS_WAIT} after the message came). The webhook waits: Twilio does not retry a 5xx, so
   * answering one would lose the message. Running a step again is safe: the commit is deduplicated by the
   * provider's message id, and a survivor's messages stay in order (the retry runs inside their sequencer).
   */
  private <T> Future<T> untilRedisAnswers(java.util.function.Supplier<Future<T>> step, long until, int attempt) {
    return step.get().recover(failure -> {
      long left = until - System.nanoTime();
      if (!org.voz.store.Redis.unavailableForNow(failure) || left <= 0) {
        return Future.failedFuture(failure);
      }
      long pause = Math.min(Math.min(50L << Math.min(attempt, 5), 1_000L), Math.max(1L, left / 1_000_000));
      if (attempt == 0) {
        LOG.warn("redis cannot take commands now ({}); the inbound message waits for it", failure.getClass().getSimpleName());
      }
      metrics.redisWait();
      io.vertx.core.Promise<T> again = io.vertx.core.Promise.promise();
      vertx.setTimer(pause, t -> untilRedisAnswers(step, until, attempt + 1).onComplete(again));
      return again.future();
    });
  }

  /**
   * The chat of minors' representatives ({@link RepresentativeChat}), built after this service (it records answers
   * through the case-management updates, which need this service); until set, every address no survivor has is a
   * stranger's.
   */
  public void representatives(RepresentativeChat chat) {
    this.representatives = chat;
  }

  /** A representative's message in their own chat (in order per address), else the stranger's answer. */
  private Future<Commit.Result> fromRepresentativeOrStranger(InboundMessage message) {
    RepresentativeChat chat = representatives;
    if (chat == null) {
      return fromStranger(message);
    }
    String hash = keyring.addressHash(message.channel(), message.address());
    return sequencer.run("representative:" + hash, () -> chat.receive(message, hash))
        .compose(answered -> answered.isPresent() ? Future.succeededFuture(answered.get()) : fromStranger(message));
  }

  /** Forgets what this instance cached about a survivor (after a change made by staff). */
  public void forget(String survivorId) {
    states.remove(survivorId);
  }

  /** Forgets which survivor an address belonged to (a contact removed, a survivor erased). */
  public void forgetAddress(String channel, String address) {
    keyring.addressHashes(channel, address).forEach(idByAddress::remove);
  }

  /** Tells the dispatcher that {@code partition}'s outbox has new entries. */
  public void poke(int partition) {
    committed.accept(partition);
  }

  private Future<String> survivorIdOf(InboundMessage message) {
    String hash = keyring.addressHash(message.channel(), message.address());
    String cached = idByAddress.get(hash);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return survivors.idForAddress(message.channel(), message.address())
        .map(found -> {
          found.ifPresent(id -> idByAddress.put(hash, id));
          return found.orElse(null);
        });
  }

  /**
   * The neutral answer, once per {@code strangerQuiet} for each address: a number that writes again and again (or many
   * numbers, each once) cannot make Voz send more than one SMS each. The message is committed (deduplicated) either way.
   */
  private Future<Commit.Result> fromStranger(InboundMessage message) {
    String hash = keyring.addressHash(message.channel(), message.address());
    int partition = keys.partitionOf(hash);
    return sessions.strangerMayBeAnswered(partition, hash, strangerQuiet).compose(answer -> {
      metrics.unknownSender(answer);
      Transition transition = engine.unknownSender(toInbound(message), clock.instant());
      Commit commit = new Commit(partition, null, 0, null, message.providerId(), answer
          ? effects.replies(message.channel(), message.address(), transition.replies()) : List.of(), List.of());
      return sessions.apply(commit)
          .recover(failure -> !answer ? Future.failedFuture(failure)
              : sessions.strangerNotAnswered(partition, hash).transform(v -> Future.failedFuture(failure)))
          .map(outcome -> {
            pokeIfQueued(outcome.result(), commit);
            LOG.debug("inbound from unknown sender partition={} result={} answered={}", partition, outcome.result(),
                answer);
            return outcome.result();
          });
    });
  }

  private Future<Commit.Result> fromSurvivor(String survivorId, InboundMessage message) {
    SurvivorState cached = states.get(survivorId);
    if (cached != null) {
      return attempt(cached, message, 0);
    }
    return sessions.load(keys.partitionOf(survivorId), survivorId).compose(stored -> {
      if (stored.record() == null) {
        // an address claimed by an enrolment that did not complete: nobody is behind it
        idByAddress.remove(keyring.addressHash(message.channel(), message.address()));
        LOG.warn("address index points to no record survivor={}; answered as an unknown sender", survivorId);
        return fromStranger(message);
      }
      return attempt(decode(survivorId, stored), message, 0);
    });
  }

  private Future<Commit.Result> attempt(SurvivorState state, InboundMessage message, int conflicts) {
    String survivorId = state.survivor().id();
    if (!state.survivor().contacts().contains(new Survivor.Contact(message.channel(), message.address()))) {
      // the address was removed from this record (a seized phone) since this instance learnt it: nobody's now
      states.remove(survivorId);
      forgetAddress(message.channel(), message.address());
      LOG.info("message from an address no longer on the record survivor={}; answered as an unknown sender", survivorId);
      return fromStranger(message);
    }
    int partition = keys.partitionOf(survivorId);
    Instant now = clock.instant();
    return runEngine(state, message, now).map(t -> withOptOutAlert(state, t, message))
        .compose(t -> writeFeedback(state, t, message, partition))
        .compose(transition -> {
      EffectWriter.Written written = effects.write(state.sealer(), state.survivor(), transition.effects(),
          EffectWriter.Actor.survivor(message.channel()), transition.session().language(), now);
      Commit commit = toCommit(partition, state, transition, written, message);
      Survivor updated = written.survivor();
      return index(state.survivor(), updated).compose(v -> sessions.apply(commit)).compose(outcome -> switch (outcome.result()) {
        case COMMITTED -> {
          states.put(survivorId, new SurvivorState(state.version() + 1,
              SurvivorState.withVersion(transition.session(), state.version() + 1), updated, state.sealer()));
          pokeIfQueued(outcome.result(), commit);
          LOG.debug("inbound survivor={} channel={} result=COMMITTED", survivorId, message.channel());
          yield countFeedback(state.survivor(), transition).map(Commit.Result.COMMITTED);
        }
        case DUPLICATE -> {
          LOG.debug("inbound survivor={} channel={} result=DUPLICATE", survivorId, message.channel());
          yield Future.succeededFuture(Commit.Result.DUPLICATE);
        }
        case CONFLICT -> {
          metrics.commitConflict();
          if (outcome.current().record() == null) {
            // erased meanwhile (perhaps by another instance): nobody is behind this address any more
            states.remove(survivorId);
            forgetAddress(message.channel(), message.address());
            yield fromStranger(message);
          }
          SurvivorState current = decode(survivorId, outcome.current());
          states.put(survivorId, current);
          if (conflicts + 1 >= MAX_CONFLICTS) {
            yield Future.failedFuture(new IllegalStateException("too many concurrent updates of survivor " + survivorId));
          }
          yield attempt(current, message, conflicts + 1);
        }
      });
    });
  }

  /**
   * A new file request is indexed (for its due-date alerts and the staff list), and a consent whose end moved
   * the survivor's earliest one (see {@link org.voz.store.ExpiryIndex}), before the commit.
   */
  private Future<Void> index(Survivor before, Survivor after) {
    Future<Void> requests = after.requests().equals(before.requests())
        ? Future.succeededFuture()
        : requestIndex.index(after.id(), org.voz.requests.FileRequests.earliestAlert(after.requests()));
    return requests.compose(v -> expiries.reindex(before, after));
  }

  /**
   * Survey answers and escalations go out before the commit (see {@link FeedbackEffects}),
   * unless the message was already committed: a retried webhook runs the engine on the state after it, where
   * the same text would answer the next question.
   */
  private Future<Transition> writeFeedback(SurvivorState state, Transition t, InboundMessage message, int partition) {
    if (t.effects().stream().noneMatch(e -> e instanceof Effect.FeedbackAnswered || e instanceof Effect.Complaint)) {
      return Future.succeededFuture(t);
    }
    return sessions.committed(partition, message.providerId())
        .compose(seen -> seen ? Future.succeededFuture(t) : feedback.write(state.survivor(), t.effects()).map(t));
  }

  /** Campaign counters, after the commit only (so never twice); a failure is logged, the message stays committed. */
  private Future<Void> countFeedback(Survivor before, Transition t) {
    if (t.effects().stream().noneMatch(e -> e instanceof Effect.SurveyProgress)) {
      return Future.succeededFuture();
    }
    return feedback.count(before, t.effects()).recover(e -> {
      LOG.warn("campaign counters not updated survivor={} error={}", before.id(), e.getClass().getSimpleName());
      return Future.succeededFuture();
    });
  }

  /**
   * STOP closes the channel; it does not revoke a consent. The case manager must know the channel is
   * closed, so (unless configured off) the opt-out raises {@code contact.opted_out}.
   */
  private Transition withOptOutAlert(SurvivorState state, Transition transition, InboundMessage message) {
    if (!alertOnOptOut || state.session().optedOut() || !transition.session().optedOut()) {
      return transition;
    }
    List<Effect> effects = new ArrayList<>(transition.effects());
    effects.add(new Effect.RaiseAlert("contact.opted_out", java.util.Map.of("channel", message.channel())));
    return new Transition(transition.session(), effects);
  }

  private SurvivorState decode(String survivorId, Versioned stored) {
    if (stored.record() == null) {
      throw new IllegalStateException("the address index points to a survivor without a record: " + survivorId);
    }
    return SurvivorState.open(survivorId, stored, survivors, keyring);
  }

  /**
   * Runs the step on the event loop; the engine is pure and fast. A PIN check is slow on purpose, so if
   * the step needs one, it is abandoned and run again, from the same inputs, on a worker thread.
   */
  /** The reason of a refused erasure request the survivor was not told yet, or {@code null}. */
  private static String erasureRefusal(Survivor survivor) {
    var request = survivor.retention().request();
    return request != null && org.voz.consent.Retention.ErasureRequest.REFUSED.equals(request.status()) && !request.told()
        ? (request.reason() == null ? "" : request.reason()) : null;
  }

  private Future<Transition> runEngine(SurvivorState state, InboundMessage message, Instant now) {
    // the survivor's risk level picks the policy the engine follows (idle timeout, the co-design invitation); a minor's
    // grant waits for their representative
    SurvivorView view = SurvivorView.of(state.survivor().id(),
            state.survivor().consents().stream().map(ConsentItem::view).toList())
        .withRequests(state.survivor().requests())
        .withSurveys(state.survivor().feedback().invitations())
        .withNews(state.survivor().feedback().unread())
        .withPolicy(effects.policyOf(state.survivor(), now))
        .withMinor(state.survivor().minorOn(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)))
        .withErasureRefusal(erasureRefusal(state.survivor()));
    Inbound inbound = toInbound(message);
    try {
      return Future.succeededFuture(engine.step(state.session(), inbound, now, view, NeedsWorker.CHECK));
    } catch (NeedsWorker e) {
      Survivor survivor = state.survivor();
      PinCheck check = new PinCheck() {
        @Override
        public boolean matches(String pin) {
          return pins.matches(pin, survivor.pinHash());
        }

        @Override
        public boolean isDuress(String pin) {
          return survivor.duressPinHash() != null && pins.matches(pin, survivor.duressPinHash());
        }
      };
      return vertx.executeBlocking(() -> engine.step(state.session(), inbound, now, view, check), false);
    }
  }

  private Commit toCommit(int partition, SurvivorState state, Transition transition, EffectWriter.Written written,
      InboundMessage message) {
    boolean receipt = transition.effects().stream()
        .anyMatch(e -> e instanceof Effect.ConsentChanged c && c.receipt() != null && !c.receipt().isEmpty());
    List<OutboxEntry> outbox = new ArrayList<>(effects.replies(message.channel(), message.address(), transition.replies(),
        state.survivor().id(), message.messageId(), receipt));
    outbox.addAll(written.outbox());
    String record = written.survivor() == state.survivor() ? null : survivors.seal(state.sealer(), written.survivor());
    return new Commit(partition, state.survivor().id(), state.version(), SessionCodec.seal(state.sealer(), state.survivor().id(), transition.session()),
        message.providerId(), outbox, written.ledger(), record, written.alerts());
  }

  private void pokeIfQueued(Commit.Result result, Commit commit) {
    if (result == Commit.Result.COMMITTED && !commit.outbox().isEmpty()) {
      committed.accept(commit.partition());
    }
  }

  private static Inbound toInbound(InboundMessage message) {
    return new Inbound(message.text(), message.channel(), message.media());
  }

  /** Thrown by the event-loop PIN check: this step must run on a worker thread. */
  private static final class NeedsWorker extends RuntimeException {
    static final PinCheck CHECK = new PinCheck() {
      @Override
      public boolean matches(String pin) {
        throw new NeedsWorker();
      }

      @Override
      public boolean isDuress(String pin) {
        throw new NeedsWorker();
      }
    };

    NeedsWorker() {
      super(null, null, false, false);
    }
  }
}
