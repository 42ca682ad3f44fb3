package org.voz.service.casework;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.voz.consent.Expiry;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.conversation.Session;
import org.voz.contact.PhoneNumbers;
import org.voz.crypto.Keyring;
import org.voz.safety.ContactWindow;
import org.voz.safety.RiskPolicy;
import org.voz.safety.WriteFirst;
import org.voz.service.EffectWriter;
import org.voz.service.Refusal;
import org.voz.service.SurvivorState;
import org.voz.service.SurvivorStores;
import org.voz.service.inbound.InboundService;
import org.voz.store.Commit;
import org.voz.store.ExpiryIndex;
import org.voz.store.Keys;
import org.voz.store.OutboxEntry;
import org.voz.store.SessionCodec;
import org.voz.store.SessionStore;
import org.voz.store.SurvivorRepository;
import org.voz.store.Versioned;

/**
 * Changes to a survivor made by staff (a consent request, a PIN reset): read the state, apply the
 * change, and commit it under the state's version with the same script as a survivor's message, so
 * neither can overwrite the other. On a conflict the change is applied again to the state that won.
 */
public final class SurvivorUpdates {

  private static final int MAX_CONFLICTS = 16;

  /**
   * What a change does to one survivor's state.
   *
   * @param survivor the new record (or the same one)
   * @param session  the new session (or the same one)
   * @param effects  ledger events and alerts to write with it
   * @param nudge    a neutral message to send the survivor on their first contact, or {@code null}
   * @param nudgeId  the nudge's outbox entry id (e.g. {@code invite:<campaign>:<uuid>}, counted when delivered);
   *                 {@code null}: a random one
   * @param nudgeNotBefore the nudge is not sent before this (epoch ms; a campaign's send slot), nor outside the
   *                 survivor's contact hours (their first opening at or after it); 0: only the contact hours
   * @param purpose  why Voz writes first: the survivor's risk level may hold the nudge back ({@link WriteFirst}); a
   *                 nudge held back is not sent and the session stays as stored (a nudge's session is the one it
   *                 opens at a PIN step: without the message, the survivor's next words would be taken for a PIN)
   */
  public record Change(Survivor survivor, Session session, List<Effect> effects, String nudge, String nudgeId,
      long nudgeNotBefore, WriteFirst.Purpose purpose) {
    public Change {
      purpose = purpose == null ? WriteFirst.Purpose.REQUEST_NOTICE : purpose;
    }

    /** A change whose nudge, if any, is a request's notice. */
    public Change(Survivor survivor, Session session, List<Effect> effects, String nudge) {
      this(survivor, session, effects, nudge, null, 0, WriteFirst.Purpose.REQUEST_NOTICE);
    }

    /** A change whose nudge, if any, is written for {@code purpose}. */
    public Change(Survivor survivor, Session session, List<Effect> effects, String nudge, WriteFirst.Purpose purpose) {
      this(survivor, session, effects, nudge, null, 0, purpose);
    }
  }

  private final SessionStore sessions;
  private final SurvivorRepository survivors;
  private final Keyring keyring;
  private final Keys keys;
  private final Clock clock;
  private final EffectWriter effects;
  private final InboundService inbound;
  private final ExpiryIndex expiries;
  private final org.voz.store.AdultIndex adults;
  private final ContactWindow defaultWindow;
  private final PhoneNumbers phones;

  /**
   * @param defaultWindow when Voz may write first to a survivor with no window of their own (in their numbers' zone)
   * @param phones        phone numbers as staff write them (the programme's country)
   */
  public SurvivorUpdates(SurvivorStores stores, Clock clock, InboundService inbound, EffectWriter effects,
      ContactWindow defaultWindow, PhoneNumbers phones) {
    this.phones = phones;
    this.sessions = stores.sessions();
    this.survivors = stores.survivors();
    this.keyring = stores.keyring();
    this.keys = stores.keys();
    this.expiries = stores.expiries();
    this.adults = stores.adults();
    this.clock = clock;
    this.inbound = inbound;
    this.effects = effects;
    this.defaultWindow = defaultWindow;
  }

  /**
   * Applies {@code change} by staff member {@code staffId} to survivor {@code survivorId}; fails with the
   * {@link Refusal} the change throws, or a 404. Returns the survivor as committed.
   */
  public Future<Survivor> update(String survivorId, String staffId, Function<SurvivorState, Change> change) {
    return update(survivorId, EffectWriter.Actor.staff(staffId), change);
  }

  public Future<Survivor> update(String survivorId, EffectWriter.Actor actor, Function<SurvivorState, Change> change) {
    return update(survivorId, actor, null, change);
  }

  /**
   * @param dedupeId what makes this change happen once (e.g. {@code delivery-failed:<MessageSid>}): a second
   *                 update with it, within the dedupe TTL, writes nothing; {@code null}: none
   */
  public Future<Survivor> update(String survivorId, EffectWriter.Actor actor, String dedupeId,
      Function<SurvivorState, Change> change) {
    int partition = keys.partitionOf(survivorId);
    return sessions.load(partition, survivorId)
        .compose(stored -> stored.record() == null
            ? Future.failedFuture(Refusal.notFound("no survivor with this id"))
            : attempt(partition, survivorId, actor, dedupeId, stored, change, 0));
  }

  /** The survivor's state as stored now (record and session), or empty when there is no such survivor. */
  public Future<java.util.Optional<SurvivorState>> state(String survivorId) {
    return sessions.load(keys.partitionOf(survivorId), survivorId).map(stored -> stored.record() == null
        ? java.util.Optional.<SurvivorState>empty()
        : java.util.Optional.of(SurvivorState.open(survivorId, stored, survivors, keyring)));
  }

  /**
   * Enrols a new survivor: reserves their addresses and caseload entry, then commits the record and its
   * first ledger events (e.g. the consents recorded at enrolment) in one commit, so that a record never
   * exists without its ledger. If the commit fails, the reservation is released.
   */
  public Future<Survivor> enrol(Survivor survivor, String staffId, List<Effect> events) {
    return enrol(survivor, EffectWriter.Actor.staff(staffId), events);
  }

  public Future<Survivor> enrol(Survivor survivor, EffectWriter.Actor actor, List<Effect> events) {
    int partition = keys.partitionOf(survivor.id());
    Session session = Session.fresh(survivor.language());
    // the survivor's own key: their record, session and ledger are sealed under it, and erasing it shreds them
    SurvivorRepository.NewKey key = survivors.newKey(survivor.id());
    EffectWriter.Written written = effects.write(key.sealer(), survivor, events, actor, survivor.language(), clock.instant());
    Commit commit = new Commit(partition, survivor.id(), 0, SessionCodec.seal(key.sealer(), survivor.id(), session), null,
        written.outbox(), written.ledger(), survivors.seal(key.sealer(), written.survivor()), written.alerts(), key.wrapped());
    return survivors.reserve(survivor)
        .compose(v -> expiries.index(survivor.id(), Expiry.earliest(survivor)))
        .compose(v -> adults.index(survivor, today(clock.instant())))
        .compose(v -> survivors.representatives().add(survivor.id(),
            representativeContacts(survivor, today(clock.instant()))))
        .compose(v -> sessions.apply(commit))
        .compose(outcome -> outcome.result() == Commit.Result.COMMITTED
            ? Future.succeededFuture(written.survivor())
            : Future.<Survivor>failedFuture(new IllegalStateException("survivor id already in use: " + survivor.id())))
        .recover(failure -> failure instanceof SurvivorRepository.AddressTakenException
            ? Future.failedFuture(failure)
            : survivors.release(survivor)
                .transform(released -> survivors.representatives().remove(survivor.id(),
                    representativeContacts(survivor, today(clock.instant()))))
                .transform(released -> Future.failedFuture(failure)));
  }

  /**
   * The contacts of a minor's representative that find them when they write ({@code store.RepresentativeIndex}): the
   * representative's, while the record is a minor's; none otherwise (an adult's record, or none recorded).
   */
  static List<Survivor.Contact> representativeContacts(Survivor survivor, java.time.LocalDate today) {
    return survivor == null || survivor.representative() == null || !survivor.minorOn(today) ? List.of()
        : survivor.representative().contacts();
  }

  /**
   * Adds a contact (e.g. a Telegram chat that used its link) unless the record has it: true once the record
   * has it, false if there is no such survivor.
   */
  public Future<Boolean> addContact(String survivorId, Survivor.Contact contact) {
    return update(survivorId, EffectWriter.Actor.system("link"), state -> {
      Survivor s = state.survivor();
      if (s.contacts().contains(contact)) {
        return new Change(s, state.session(), List.of(), null);
      }
      List<Survivor.Contact> contacts = new ArrayList<>(s.contacts());
      contacts.add(contact);
      Survivor linked = s.withContacts(contacts);
      return new Change(linked, state.session(),
          List.of(new Effect.AppendLedger("contact.linked", java.util.Map.of("channel", contact.channel()))), null);
    }).map(true).recover(failure -> failure instanceof Refusal refused && refused.kind() == Refusal.Kind.NOT_FOUND
        ? Future.succeededFuture(false)
        : Future.failedFuture(failure));
  }

  private static java.time.LocalDate today(Instant now) {
    return java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
  }

  /** What risk level {@code level} changes. */
  public RiskPolicy policy(org.voz.safety.RiskLevel level) {
    return effects.policies().of(level);
  }

  /** The policy of the survivor's risk level today. */
  public RiskPolicy policyOf(Survivor survivor) {
    return effects.policyOf(survivor, clock.instant());
  }

  /** Where a message Voz writes first for {@code purpose} would go now, if anywhere ({@link WriteFirst}). */
  public java.util.Optional<WriteFirst.Route> route(Survivor survivor, WriteFirst.Purpose purpose) {
    return route(survivor, purpose, clock.instant());
  }

  private java.util.Optional<WriteFirst.Route> route(Survivor survivor, WriteFirst.Purpose purpose, Instant now) {
    return WriteFirst.route(effects.policyOf(survivor, now), purpose,
        survivor.contacts().stream().map(Survivor.Contact::channel).toList(), windowOf(survivor),
        survivor.contactWindow() != null);
  }

  /**
   * The survivor's contact window: their own, or the configured hours in the time zone of their phone numbers' place
   * (the configured zone when it is not known, or not one).
   */
  public ContactWindow windowOf(Survivor survivor) {
    if (survivor.contactWindow() != null) {
      return survivor.contactWindow();
    }
    return ContactNumbers.zone(survivor.contacts())
        .map(zone -> new ContactWindow(zone, defaultWindow.from(), defaultWindow.to(), List.of()))
        .orElse(defaultWindow);
  }

  /** Phone numbers as staff write them, read in the programme's country. */
  public PhoneNumbers phones() {
    return phones;
  }

  private Future<Survivor> attempt(int partition, String survivorId, EffectWriter.Actor actor, String dedupeId,
      Versioned stored, Function<SurvivorState, Change> change, int conflicts) {
    SurvivorState state = SurvivorState.open(survivorId, stored, survivors, keyring);
    Change result = change.apply(state);
    if (result.effects().isEmpty() && result.nudge() == null && result.survivor() == state.survivor()
        && result.session() == state.session()) {
      return Future.succeededFuture(state.survivor());
    }
    Instant now = clock.instant();
    EffectWriter.Written written = effects.write(state.sealer(), result.survivor(), result.effects(), actor,
        result.session().language(), now);
    List<OutboxEntry> outbox = new ArrayList<>(written.outbox());
    Session session = result.session();
    if (result.nudge() != null) {
      Survivor survivor = result.survivor();
      java.util.Optional<WriteFirst.Route> route = route(survivor, result.purpose(), now);
      if (route.isEmpty()) {
        session = state.session(); // held back (risk level, no safe contact): the conversation is not opened either
      } else {
        ContactWindow window = windowOf(survivor);
        // the send slot, if any, then the survivor's hours from there (a slot after they close waits for them)
        long notBefore = window.nextAllowed(Instant.ofEpochMilli(Math.max(now.toEpochMilli(), result.nudgeNotBefore())))
            .toEpochMilli();
        Survivor.Contact contact = survivor.contacts().get(route.get().contact());
        outbox.add(effects.proactive(contact.channel(), contact.address(), result.nudge(), session.language(),
            notBefore > now.toEpochMilli() ? notBefore : 0, route.get().smsFallback(), result.nudgeId()));
      }
    }
    String record = written.survivor() == state.survivor() ? null : survivors.seal(state.sealer(), written.survivor());
    // an unchanged session keeps its sealed blob (a campaign invitation to someone in a conversation)
    String sessionBlob = session == state.session() && stored.blob() != null
        ? stored.blob() : SessionCodec.seal(state.sealer(), survivorId, session);
    Commit commit = new Commit(partition, survivorId, stored.version(), sessionBlob,
        dedupeId, outbox, written.ledger(), record, written.alerts());
    // indexed before the commit: an index entry with nothing to expire is harmless (the job re-indexes
    // it), while a committed consent missing from the index would never expire
    // a representative's contacts indexed before the commit too (an entry the record does not back counts for
    // nothing), and those it no longer backs taken out after it
    // (out: every contact of the representative before, indexed or not, that the record no longer backs: a minor
    // who came of age, a representative changed or removed)
    List<Survivor.Contact> representativeAfter = representativeContacts(written.survivor(), today(now));
    List<Survivor.Contact> representativeOut = state.survivor().representative() == null ? List.of()
        : state.survivor().representative().contacts().stream().filter(c -> !representativeAfter.contains(c)).toList();
    return expiries.reindex(state.survivor(), written.survivor())
        .compose(v -> adults.reindex(state.survivor(), written.survivor(), today(now)))
        // all of them, not only the new: a record indexed before the index existed is indexed at its next change
        .compose(v -> survivors.representatives().add(survivorId, representativeAfter))
        .compose(v -> sessions.apply(commit)).compose(outcome -> {
      if (outcome.result() == Commit.Result.CONFLICT) {
        if (conflicts + 1 >= MAX_CONFLICTS) {
          return Future.failedFuture(new IllegalStateException("too many concurrent updates of survivor " + survivorId));
        }
        return attempt(partition, survivorId, actor, dedupeId, outcome.current(), change, conflicts + 1);
      }
      inbound.forget(survivorId);
      if (!outbox.isEmpty()) {
        inbound.poke(partition);
      }
      return survivors.representatives().remove(survivorId, representativeOut).map(written.survivor());
    });
  }

}
