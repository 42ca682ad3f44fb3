package org.voz.service.inbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.conversation.Conversations;
import org.voz.conversation.Effect;
import org.voz.conversation.ReservedWord;
import org.voz.conversation.Text;
import org.voz.crypto.PinHasher;
import org.voz.service.EffectWriter;
import org.voz.service.Refusal;
import org.voz.service.casework.SurvivorRecords;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.store.Commit;
import org.voz.store.Keys;
import org.voz.store.RepresentativeIndex;
import org.voz.store.RepresentativeSessions;
import org.voz.store.RepresentativeSessions.State;
import org.voz.store.SessionStore;

/**
 * The chat of a minor's representative (issue 18): a message from an address that is no survivor's but is indexed as
 * a representative's ({@link RepresentativeIndex}) asks, in neutral words, for the representative's own PIN, checked
 * (on a worker thread) against the PIN hash of each minor the address is listed for; then shows the minors' grants
 * waiting for them ({@code pending_representative}) one at a time, in the consent words survivors read and never with
 * a name, and takes 1 (confirm: {@code granted}) or 2 (decline: {@code declined}) through the same change the case
 * manager's path makes ({@link SurvivorRecords#answeredByRepresentative}: ledger event, the case manager's alert). Wrong
 * PINs lock the address as they lock a survivor (the same count and texts) until the case manager sets a new PIN; a
 * quick-exit word ends the chat at once; the chat closes after the minors' idle timeout (a minor's is high risk).
 * The session ({@link RepresentativeSessions}) holds ids and counters only; the replies go out through one commit
 * deduplicated by the provider's message id, as a stranger's answer does.
 */
public final class RepresentativeChat {

  private static final Logger LOG = LoggerFactory.getLogger(RepresentativeChat.class);

  private final Vertx vertx;
  private final Conversations conversations;
  private final RepresentativeIndex index;
  private final RepresentativeSessions chats;
  private final SessionStore sessions;
  private final SurvivorUpdates updates;
  private final EffectWriter effects;
  private final PinHasher pins;
  private final Keys keys;
  private final Clock clock;
  private final int maxPinAttempts;
  private final Duration idleTimeout;

  /**
   * @param maxPinAttempts wrong PINs in a row that lock the address (the survivors' {@code security.maxPinAttempts})
   * @param idleTimeout    the conversation's idle timeout, which each minor's risk policy may shorten
   */
  public RepresentativeChat(Vertx vertx, Conversations conversations, RepresentativeIndex index,
      RepresentativeSessions chats, SessionStore sessions, SurvivorUpdates updates, EffectWriter effects,
      PinHasher pins, Keys keys, Clock clock, int maxPinAttempts, Duration idleTimeout) {
    this.vertx = vertx;
    this.conversations = conversations;
    this.index = index;
    this.chats = chats;
    this.sessions = sessions;
    this.updates = updates;
    this.effects = effects;
    this.pins = pins;
    this.keys = keys;
    this.clock = clock;
    this.maxPinAttempts = maxPinAttempts;
    this.idleTimeout = idleTimeout;
  }

  /**
   * Answers {@code message} if its address is a minor's representative's; empty (nothing written) when it is not, to be
   * answered as an unknown sender.
   */
  public Future<Optional<Commit.Result>> receive(InboundMessage message, String addressHash) {
    return index.minors(message.channel(), message.address())
        .compose(ids -> minorsOf(ids.stream().sorted().toList(), message))
        .compose(minors -> minors.isEmpty() ? Future.succeededFuture(Optional.<Commit.Result>empty())
            : answer(message, addressHash, minors).map(Optional::of));
  }

  /** The records of {@code ids} (in the order of their ids, so the grants come in the same order every time) that are a minor's today and still name this contact for their representative. */
  private Future<List<Survivor>> minorsOf(List<String> ids, InboundMessage message) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Survivor.Contact contact = new Survivor.Contact(message.channel(), message.address());
    return records(ids).map(found -> found.stream().flatMap(Optional::stream)
        .filter(s -> s.representative() != null && s.representative().contacts().contains(contact) && s.minorOn(today))
        .toList());
  }

  /** The records of {@code ids} as they are now, in the same order (empty: gone). */
  private Future<List<Optional<Survivor>>> records(List<String> ids) {
    List<Future<Optional<Survivor>>> reads = ids.stream()
        .map(id -> updates.state(id).map(found -> found.map(s -> s.survivor()))).toList();
    return Future.all(reads).map(done -> reads.stream().map(Future::result).toList());
  }

  private Future<Commit.Result> answer(InboundMessage message, String hash, List<Survivor> minors) {
    int partition = keys.partitionOf(hash);
    return sessions.committed(partition, message.providerId()).compose(seen -> seen
        ? Future.succeededFuture(Commit.Result.DUPLICATE)
        : chats.load(message.channel(), message.address()).compose(stored -> {
          Instant now = clock.instant();
          State state = current(stored.orElse(null), minors, now);
          return step(state, message, minors, now).compose(turn ->
              chats.save(message.channel(), message.address(), turn.state()).compose(v -> {
                Commit commit = new Commit(partition, null, 0, null, message.providerId(),
                    effects.replies(message.channel(), message.address(),
                        turn.replies().stream().map(Effect.Reply::of).toList()), List.of());
                return sessions.commit(commit);
              })).onSuccess(result -> LOG.debug("inbound from a representative partition={} minors={} result={}",
                  partition, minors.size(), result));
        }));
  }

  /** The session as it stands now: a new one, or one past the minors' idle timeout, starts again before the PIN. */
  private State current(State stored, List<Survivor> minors, Instant now) {
    String language = conversations.languageOf(minors.get(0).language());
    if (stored == null) {
      return new State(language, false, List.of(), 0, null, null, now);
    }
    Duration idle = minors.stream().map(m -> effects.policyOf(m, now).idleTimeout(idleTimeout))
        .min(Duration::compareTo).orElse(idleTimeout);
    if (stored.lastSeen().plus(idle).isBefore(now)) {
      return new State(stored.language(), false, List.of(), stored.attempts(), stored.lockedFor(), null, now);
    }
    return stored;
  }

  private record Turn(State state, List<String> replies) {}

  private Future<Turn> step(State state, InboundMessage message, List<Survivor> minors, Instant now) {
    String language = state.language();
    ReservedWord word = message.media() ? null : conversations.reservedWords().classify(message.text()).orElse(null);
    if (word == ReservedWord.EXIT) {
      return said(closed(state, now), text("quick_exit", language));
    }
    if (word == ReservedWord.STOP) {
      return said(closed(state, now), text("stop", language));
    }
    if (word == ReservedWord.HELP) {
      return said(state, text("help", language));
    }
    String lock = lockDigest(minors);
    if (state.lockedFor() != null) {
      if (state.lockedFor().equals(lock)) {
        return said(closed(state, now), text("locked", language));
      }
      state = new State(language, false, List.of(), 0, null, null, now); // a new PIN was set: open again
    }
    List<String> verified = state.verified().stream()
        .filter(id -> minors.stream().anyMatch(m -> m.id().equals(id))).toList();
    if (verified.isEmpty()) {
      if (!state.prompted() || message.media() || word != null) {
        return said(new State(language, true, List.of(), state.attempts(), null, null, now), text("rep_pin", language));
      }
      return checkPin(state, message, minors, lock, now);
    }
    State on = new State(language, true, verified, 0, null, state.asking(), now);
    String text = message.media() || message.text() == null ? "" : message.text().strip();
    if (on.asking() != null && word == null && (text.equals("1") || text.equals("2"))) {
      return decide(on, message, text.equals("1"), minors, now);
    }
    List<String> replies = new ArrayList<>();
    if (on.asking() != null && word == null) {
      replies.add(text("invalid", language));
    }
    return next(on, minors, replies, true, now);
  }

  /** The PIN, against each minor's representative's PIN hash, on a worker thread (slow on purpose). */
  private Future<Turn> checkPin(State state, InboundMessage message, List<Survivor> minors, String lock,
      Instant now) {
    String given = message.text() == null ? "" : message.text().strip();
    return vertx.executeBlocking(() -> minors.stream()
        .filter(m -> m.representative().hasPin() && pins.matches(given, m.representative().pinHash()))
        .map(Survivor::id).toList(), false).compose(matched -> {
          String language = state.language();
          if (!matched.isEmpty()) {
            LOG.info("representative verified minors={}", matched);
            return next(new State(language, true, matched, 0, null, null, now), minors, new ArrayList<>(), true, now);
          }
          int attempts = state.attempts() + 1;
          if (attempts >= maxPinAttempts) {
            LOG.info("representative address locked minors={}", minors.stream().map(Survivor::id).toList());
            return lockAlerts(minors, message, 0).compose(v ->
                said(new State(language, false, List.of(), attempts, lock, null, now), text("locked", language)));
          }
          boolean lastLeft = attempts == maxPinAttempts - 1 && !text("wrong_pin_last", language).isEmpty();
          return said(new State(language, true, List.of(), attempts, null, null, now),
              text(lastLeft ? "wrong_pin_last" : "wrong_pin", language));
        });
  }

  /**
   * Raises {@code pin.locked} (as a survivor's lock does, with {@code by: representative} and never the address) to
   * the case manager of each minor listed for the locked address, in the minor's own commit, in turn; deduplicated by
   * the minor and the provider's message id, so a retried webhook raises nothing twice.
   */
  private Future<Void> lockAlerts(List<Survivor> minors, InboundMessage message, int i) {
    if (i >= minors.size()) {
      return Future.succeededFuture();
    }
    String minor = minors.get(i).id();
    String dedupe = message.providerId() == null ? null
        : "representative-lock:" + minor + ":" + message.providerId();
    return updates.update(minor, EffectWriter.Actor.system("representative"), dedupe,
            found -> new SurvivorUpdates.Change(found.survivor(), found.session(),
                List.of(new Effect.RaiseAlert("pin.locked", java.util.Map.of("by", "representative",
                    "channel", message.channel()))), null))
        .onSuccess(v -> LOG.info("representative lock alert raised survivor={}", minor))
        .compose(v -> lockAlerts(minors, message, i + 1));
  }

  /** The answer to the grant shown last, through the case-management change, then the next grant. */
  private Future<Turn> decide(State state, InboundMessage message, boolean confirmed, List<Survivor> minors,
      Instant now) {
    String[] asked = state.asking().split("/", 2);
    String language = state.language();
    return SurvivorRecords.answeredByRepresentative(updates, clock, asked[0], asked[1], confirmed, message.channel(),
            message.providerId() == null ? null : "representative:" + message.providerId())
        .map(survivor -> {
          LOG.info("representative answered in the chat survivor={} consent={} confirmed={}", asked[0], asked[1],
              confirmed);
          return text(confirmed ? "rep_confirmed" : "rep_declined", language);
        })
        .recover(failure -> failure instanceof Refusal
            ? Future.succeededFuture(text("consent_gone", language)) : Future.failedFuture(failure))
        .compose(said -> reload(minors).compose(fresh -> {
          List<String> replies = new ArrayList<>(List.of(said));
          return next(new State(language, true, state.verified(), 0, null, null, now), fresh, replies, false, now);
        }));
  }

  /** The minors' records read again (one gone meanwhile stays as it was). */
  private Future<List<Survivor>> reload(List<Survivor> minors) {
    return records(minors.stream().map(Survivor::id).toList()).map(found -> {
      List<Survivor> fresh = new ArrayList<>();
      for (int i = 0; i < minors.size(); i++) {
        fresh.add(found.get(i).orElse(minors.get(i)));
      }
      return fresh;
    });
  }

  /**
   * Shows the first grant of the verified minors still waiting for the representative, or (when {@code sayNone}) that
   * nothing waits.
   */
  private Future<Turn> next(State state, List<Survivor> minors, List<String> replies, boolean sayNone, Instant now) {
    String language = state.language();
    for (Survivor m : minors) {
      if (!state.verified().contains(m.id())) {
        continue;
      }
      for (ConsentItem item : m.consents()) {
        if (ConsentItem.PENDING_REPRESENTATIVE.equals(item.status())) {
          replies.add(Text.fill(text("rep_consent", language), conversations.consentWords(item.view(), language)));
          return said(new State(language, true, state.verified(), 0, null, m.id() + "/" + item.id(), now), replies);
        }
      }
    }
    if (sayNone || replies.isEmpty()) {
      replies.add(text("rep_none", language));
    }
    return said(new State(language, true, state.verified(), 0, null, null, now), replies);
  }

  /** The chat ended (a quick exit, STOP, the lock): the next message starts again before the PIN. */
  private static State closed(State state, Instant now) {
    return new State(state.language(), false, List.of(), state.attempts(), state.lockedFor(), null, now);
  }

  private static Future<Turn> said(State state, String reply) {
    return Future.succeededFuture(new Turn(state, List.of(reply)));
  }

  private static Future<Turn> said(State state, List<String> replies) {
    return Future.succeededFuture(new Turn(state, List.copyOf(replies)));
  }

  private String text(String key, String language) {
    return conversations.systemText(key, language);
  }

  /** A digest of the minors' representative PIN hashes: a lock holds while they stay the same. */
  private static String lockDigest(List<Survivor> minors) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      minors.stream().map(m -> m.representative().pinHash() == null ? "-" : m.representative().pinHash()).sorted()
          .forEach(h -> sha.update((h + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
