package org.voz.service.casework;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.ConsentItem;
import org.voz.consent.Receipts;
import org.voz.consent.Representative;
import org.voz.consent.Survivor;
import org.voz.conversation.ConsentChanges;
import org.voz.conversation.Effect;
import org.voz.conversation.Session;
import org.voz.crypto.PinHasher;
import org.voz.safety.ContactWindow;
import org.voz.safety.Minor;
import org.voz.safety.RiskLevel;
import org.voz.safety.RiskRules;
import org.voz.safety.WriteFirst;
import org.voz.service.ConversationNudge;
import org.voz.service.EffectWriter;
import org.voz.service.Refusal;
import org.voz.staff.StaffMember;
import org.voz.staff.Access;
import org.voz.store.AccessLog;
import org.voz.store.LedgerReader;
import org.voz.store.StaffRepository;
import org.voz.store.SurvivorRepository;
import org.voz.store.TelegramLinks;

/**
 * A survivor's record as staff read and keep it, for the staff API and the console alike: who may see it (their
 * case manager or an admin; a coordinator never), the caseload and the search by exact case reference (a keyed
 * hash), a consent request, a decision the survivor gave in person or on paper (the same effects as one given in
 * the chat), the upkeep of contacts, language, contact window and exit date, a PIN reset and a transfer to another
 * case manager. Every change goes through {@link SurvivorUpdates}: version-checked, with its ledger event, in one
 * commit.
 */
public final class SurvivorRecords {

  private static final Logger LOG = LoggerFactory.getLogger(SurvivorRecords.class);
  private final ConsentCodes codes;
  /** Statuses in which an item holds its recipient and purpose (a second item for them would duplicate it). */
  public static final Set<String> ACTIVE = Set.of("pending", "granted", "granted_pending_confirmation",
      ConsentItem.PENDING_REPRESENTATIVE);
  /** How a decision recorded by staff was given: the ledger's channel for it. */
  public static final List<String> GIVEN = List.of("in_person", "paper");
  /** The statuses a recorded decision may come from, by the status it gives. */
  private static final Map<String, Set<String>> DECIDED_FROM = Map.of(
      "revoked", Set.of("granted", "granted_pending_confirmation", ConsentItem.PENDING_REPRESENTATIVE),
      "granted", Set.of("pending", "granted_pending_confirmation", "declined", "revoked"));
  public static final int MAX_REASON = 500;
  /** The ledger's channel of a representative's answer recorded by the case manager. */
  public static final String REPRESENTATIVE = "representative";
  /** The ledger event of a notice the case manager sent on purpose. */
  public static final String NOTICE_SENT = "notice.sent";

  /**
   * What a PATCH changes; a part not given is left as it is.
   *
   * @param contacts the survivor's contacts (all of them), or {@code null}
   * @param language the conversations' language, or {@code null}
   * @param windowGiven whether {@code window} is given ({@code null} then means the configured default)
   * @param exitedOnGiven whether {@code exitedOn} is given ({@code null} then means not left, or not known)
   * @param dateOfBirthGiven whether {@code dateOfBirth} is given ({@code null} then means not known)
   * @param riskLevel the level the case manager sets, or {@code null}; it comes with {@code riskReason}
   * @param riskReason why the level changes (kept in the sealed ledger), or {@code null}
   * @param needsInterpreter whether the survivor needs an interpreter, or {@code null}: left as it is
   * @param representativeGiven whether {@code representative} is given ({@code null} then removes the one recorded)
   * @param representative a minor's guardian or legal representative, or {@code null}
   * @param representativePin the representative's new PIN (hashed like a survivor's), or {@code null}: the one set
   *                          stays (a representative removed takes theirs with them)
   */
  public record Amendment(List<Survivor.Contact> contacts, String language, boolean windowGiven, ContactWindow window,
      boolean exitedOnGiven, LocalDate exitedOn, boolean dateOfBirthGiven, LocalDate dateOfBirth, RiskLevel riskLevel,
      String riskReason, Boolean needsInterpreter, boolean representativeGiven, Representative representative,
      String representativePin) {
    public Amendment {
      contacts = contacts == null ? null : List.copyOf(contacts);
    }

    /** An amendment that sets no representative PIN. */
    public Amendment(List<Survivor.Contact> contacts, String language, boolean windowGiven, ContactWindow window,
        boolean exitedOnGiven, LocalDate exitedOn, boolean dateOfBirthGiven, LocalDate dateOfBirth, RiskLevel riskLevel,
        String riskReason, Boolean needsInterpreter, boolean representativeGiven, Representative representative) {
      this(contacts, language, windowGiven, window, exitedOnGiven, exitedOn, dateOfBirthGiven, dateOfBirth, riskLevel,
          riskReason, needsInterpreter, representativeGiven, representative, null);
    }

    /** An amendment that leaves the representative as it is. */
    public Amendment(List<Survivor.Contact> contacts, String language, boolean windowGiven, ContactWindow window,
        boolean exitedOnGiven, LocalDate exitedOn, boolean dateOfBirthGiven, LocalDate dateOfBirth, RiskLevel riskLevel,
        String riskReason, Boolean needsInterpreter) {
      this(contacts, language, windowGiven, window, exitedOnGiven, exitedOn, dateOfBirthGiven, dateOfBirth, riskLevel,
          riskReason, needsInterpreter, false, null);
    }

    /** A change of the representative only ({@code null}: none any more). */
    public static Amendment representativeOnly(Representative representative) {
      return representativeOnly(representative, null);
    }

    /** A change of the representative only, with their new PIN ({@code null}: the one set stays). */
    public static Amendment representativeOnly(Representative representative, String pin) {
      return new Amendment(null, null, false, null, false, null, false, null, null, null, null, true, representative,
          pin);
    }

    /** An amendment of contacts, language, contact window and exit date only. */
    public Amendment(List<Survivor.Contact> contacts, String language, boolean windowGiven, ContactWindow window,
        boolean exitedOnGiven, LocalDate exitedOn) {
      this(contacts, language, windowGiven, window, exitedOnGiven, exitedOn, false, null, null, null, null);
    }

    /** The same amendment with {@code newContacts}. */
    Amendment withContacts(List<Survivor.Contact> newContacts) {
      return new Amendment(newContacts, language, windowGiven, window, exitedOnGiven, exitedOn, dateOfBirthGiven,
          dateOfBirth, riskLevel, riskReason, needsInterpreter, representativeGiven, representative, representativePin);
    }

    /** The same amendment with {@code newRepresentative}. */
    Amendment withRepresentative(Representative newRepresentative) {
      return new Amendment(contacts, language, windowGiven, window, exitedOnGiven, exitedOn, dateOfBirthGiven,
          dateOfBirth, riskLevel, riskReason, needsInterpreter, representativeGiven, newRepresentative,
          representativePin);
    }

    /** A change of risk level only, with its reason. */
    public static Amendment risk(RiskLevel level, String reason) {
      return new Amendment(null, null, false, null, false, null, false, null, level, reason, null);
    }

    /** The names of the parts given, in a fixed order (the ledger event lists them, never their values). */
    public List<String> fields() {
      List<String> out = new ArrayList<>();
      if (contacts != null) {
        out.add("contacts");
      }
      if (language != null) {
        out.add("language");
      }
      if (windowGiven) {
        out.add("contactWindow");
      }
      if (exitedOnGiven) {
        out.add("exitedOn");
      }
      if (dateOfBirthGiven) {
        out.add("dateOfBirth");
      }
      if (needsInterpreter != null) {
        out.add("needsInterpreter");
      }
      if (riskLevel != null) {
        out.add("riskLevel");
      }
      if (representativeGiven) {
        out.add("representative");
      }
      return out;
    }
  }

  /** A decision the survivor gave outside the chat: {@code revoked} or {@code granted}, {@code given} in person or on paper. */
  public record Decision(String consentId, String to, String given, String reason) {}

  /**
   * The answer of a minor's representative to a grant the minor gave in the chat, as the case manager records it.
   *
   * @param confirmed true: the representative confirms it (granted); false: they refuse it (declined)
   * @param note      what the case manager notes of it (kept in the sealed ledger as the reason), or {@code null}
   */
  public record RepresentativeAnswer(String consentId, boolean confirmed, String note) {}

  /** A recorded decision: the record after it, the item, and the receipt to hand the survivor. */
  public record Recorded(Survivor survivor, ConsentItem consent, String receipt) {}

  /** One page of a caseload, and how many the caseload holds. */
  public record Listing(List<Survivor> survivors, int page, int pages, int total) {}

  private final Vertx vertx;
  private final SurvivorUpdates updates;
  private final SurvivorRepository survivors;
  private final TakenContacts taken;
  private final StaffRepository staff;
  private final LedgerReader ledgers;
  private final PinHasher pins;
  private final ConversationNudge nudge;
  private final List<String> languages;
  private final Clock clock;
  private final TelegramLinks links;
  private final java.time.Duration linkTtl;
  private final AccessLog accesses;

  /** @param languages the languages the conversations speak */
  public SurvivorRecords(Vertx vertx, SurvivorUpdates updates, SurvivorRepository survivors, StaffRepository staff,
      LedgerReader ledgers, PinHasher pins, ConversationNudge nudge, List<String> languages, Clock clock,
      TelegramLinks links, java.time.Duration linkTtl, AccessLog accesses, ConsentCodes codes) {
    this.codes = codes;
    this.accesses = accesses;
    this.links = links;
    this.linkTtl = linkTtl;
    this.vertx = vertx;
    this.updates = updates;
    this.survivors = survivors;
    this.taken = new TakenContacts(survivors);
    this.staff = staff;
    this.ledgers = ledgers;
    this.pins = pins;
    this.nudge = nudge;
    this.languages = List.copyOf(languages);
    this.clock = clock;
  }

  public List<String> languages() {
    return languages;
  }

  /** The policy of the survivor's risk level today (what the console says of it). */
  public org.voz.safety.RiskPolicy policyOf(Survivor survivor) {
    return updates.policyOf(survivor);
  }

  /** Refused unless {@code caller} is an admin or the case manager {@code survivor} is enrolled under. */
  public static void requireCaseload(StaffMember caller, Survivor survivor) {
    if (!caller.is(StaffMember.ADMIN) && !survivor.caseManager().equals(caller.id())) {
      throw Refusal.forbidden("this survivor is not in your caseload");
    }
  }

  private static Future<Void> mayReadSurvivors(StaffMember caller) {
    return caller.is(StaffMember.COORDINATOR)
        ? Future.failedFuture(Refusal.forbidden("a coordinator never sees a survivor's identity"))
        : Future.succeededFuture();
  }

  /** The survivor, if the caller may see them: 403 for a coordinator or another case manager's survivor, else 404. */
  public Future<Survivor> open(StaffMember caller, String survivorId) {
    return mayReadSurvivors(caller).compose(v -> survivors.find(survivorId)).map(found -> {
      Survivor survivor = found.orElseThrow(() -> Refusal.notFound("no survivor with this id"));
      requireCaseload(caller, survivor);
      return survivor;
    });
  }

  /**
   * As {@link #open}, for a view of the survivor's personal data ({@link Access#VIEWS}): the access is recorded in
   * the survivor's audit stream before anything is shown (a view that cannot be recorded is not shown).
   */
  public Future<Survivor> view(StaffMember caller, String survivorId, String what) {
    return open(caller, survivorId).compose(survivor -> audit(caller, survivorId, what).map(survivor));
  }

  /** Records {@code caller}'s access ({@code what}: a view, or a change named like its ledger event). */
  public Future<Void> audit(StaffMember caller, String survivorId, String what) {
    return accesses.record(survivorId, Access.by(caller, what, clock.instant()));
  }

  /**
   * Records a change already committed (and in the ledger, with who made it): a failure here is logged, not the
   * caller's, since the change stands.
   */
  private Future<Void> noteChange(StaffMember caller, String survivorId, String what) {
    return audit(caller, survivorId, what).recover(e -> {
      LOG.warn("access not recorded survivor={} what={} error={}", survivorId, what, e.getClass().getSimpleName());
      return Future.succeededFuture();
    });
  }

  /** The accesses to the survivor's record, oldest first (for their copy of their file). */
  public Future<List<Access>> accesses(String survivorId) {
    return accesses.read(survivorId);
  }

  /** The survivor and their ledger (oldest first, the chain checked against the record's head). */
  public Future<LedgerReader.Checked> ledger(Survivor survivor) {
    return ledgers.read(survivor.id(), survivor.ledgerHead()).onSuccess(ledger -> {
      if (!ledger.valid()) {
        LOG.warn("consent ledger chain broken survivor={} index={}", survivor.id(), ledger.brokenAt());
      }
    });
  }

  /**
   * A page of the survivors enrolled under {@code caseManager} (a case manager's own, whatever they name), by
   * case reference; {@code page} from 1.
   */
  public Future<Listing> caseload(StaffMember caller, String caseManager, int page, int size) {
    String whose = caller.is(StaffMember.CASE_MANAGER) ? caller.id() : caseManager;
    if (whose == null || whose.isBlank()) {
      return mayReadSurvivors(caller).map(v -> new Listing(List.of(), 1, 1, 0));
    }
    return mayReadSurvivors(caller).compose(v -> survivors.caseload(whose)).compose(ids -> {
      List<String> sorted = ids.stream().sorted().toList();
      int pages = Math.max(1, (sorted.size() + size - 1) / size);
      int shown = Math.min(Math.max(page, 1), pages);
      List<String> slice = sorted.subList(Math.min((shown - 1) * size, sorted.size()), Math.min(shown * size, sorted.size()));
      return read(slice).map(found -> new Listing(found.stream().filter(s -> s.caseManager().equals(whose))
          .sorted(Comparator.comparing(Survivor::caseRef)).toList(), shown, pages, sorted.size()));
    });
  }

  /** The caller's survivors enrolled under exactly {@code caseRef}: looked up by its keyed hash, never by opening records. */
  public Future<List<Survivor>> byCaseRef(StaffMember caller, String caseRef) {
    return mayReadSurvivors(caller).compose(v -> survivors.idsForCaseRef(caseRef.strip()))
        .compose(ids -> read(ids.stream().sorted().toList()))
        .map(found -> found.stream().filter(s -> caller.is(StaffMember.ADMIN) || s.caseManager().equals(caller.id()))
            .toList());
  }

  private Future<List<Survivor>> read(List<String> ids) {
    List<Future<Optional<Survivor>>> reads = ids.stream().map(survivors::find).toList();
    return Future.all(reads).map(done -> reads.stream().map(Future::result).flatMap(Optional::stream).toList());
  }

  /**
   * A request for a new consent (status pending): one item per id, and per recipient and purpose while one is
   * pending or granted; the survivor gets a neutral nudge and decides after their PIN.
   */
  public Future<ConsentItem> requestConsent(StaffMember caller, String survivorId, ConsentItem asked) {
    ConsentItem item = new ConsentItem(asked.id(), asked.data(), asked.recipient(), asked.purpose(), asked.until(),
        asked.status(), clock.instant());
    if (!item.status().equals("pending")) {
      return Future.failedFuture(Refusal.invalid("status", "a request for consent is pending"));
    }
    try {
      codes.check(List.of(item), i -> "");
    } catch (Refusal refusal) {
      return Future.failedFuture(refusal);
    }
    return mayReadSurvivors(caller).compose(v -> updates.update(survivorId, caller.id(), state -> {
      Survivor survivor = state.survivor();
      requireCaseload(caller, survivor);
      if (survivor.consents().stream().anyMatch(c -> c.id().equals(item.id()))) {
        throw Refusal.conflict("id", "this survivor already has a consent with this id");
      }
      if (survivor.consents().stream().anyMatch(c -> c.recipient().equals(item.recipient())
          && c.purpose().equals(item.purpose()) && ACTIVE.contains(c.status()))) {
        throw Refusal.conflict("purpose",
            "one consent item per recipient organisation and purpose: this one is already granted or asked");
      }
      List<ConsentItem> consents = new ArrayList<>(survivor.consents());
      consents.add(item);
      Effect proposed = new Effect.AppendLedger("consent.proposed", Map.of(
          "consentId", item.id(), "data", item.data(), "recipient", item.recipient(),
          "purpose", item.purpose(), "until", item.until().toString()));
      Session opened = nudge.open(state.session());
      return opened == null
          ? new SurvivorUpdates.Change(survivor.withConsents(consents), state.session(), List.of(proposed), null)
          : new SurvivorUpdates.Change(survivor.withConsents(consents), opened, List.of(proposed),
              nudge.text(opened.language()));
    })).compose(survivor -> noteChange(caller, survivorId, "consent.proposed")).map(v -> {
      LOG.info("consent proposed survivor={} consent={} by={}", survivorId, item.id(), caller.id());
      return item;
    });
  }

  /**
   * A neutral notice ("You have a new message. Reply with your PIN to read it.") the case manager sends on purpose:
   * the only message Voz writes first to a survivor whose risk level holds back the others (high). It still goes only
   * on a safe channel within their hours (without an SMS fallback where their level forbids it), and opens the
   * conversation at the PIN. Refused (409) when they opted out, their record is locked, they are in a conversation
   * now (they see what waits anyway), or no contact is on a safe channel.
   */
  public Future<Survivor> sendNotice(StaffMember caller, String survivorId) {
    return mayReadSurvivors(caller).compose(v -> updates.update(survivorId, caller.id(), state -> {
      Survivor survivor = state.survivor();
      requireCaseload(caller, survivor);
      Session s = state.session();
      if (s.optedOut()) {
        throw new Refusal(Refusal.Kind.CONFLICT, "opted_out", "the survivor opted out (STOP): Voz does not write to them", null);
      }
      if (s.locked()) {
        throw new Refusal(Refusal.Kind.CONFLICT, "locked", "the record is locked after wrong PINs: reset the PIN first", null);
      }
      if (updates.route(survivor, WriteFirst.Purpose.CASE_MANAGER).isEmpty()) {
        throw new Refusal(Refusal.Kind.CONFLICT, "no_safe_contact", "the survivor has no contact on a safe channel",
            "contactWindow");
      }
      Session opened = nudge.open(s, updates.policyOf(survivor));
      if (opened == null) {
        throw new Refusal(Refusal.Kind.CONFLICT, "in_conversation",
            "the survivor is in a conversation now: they see what waits for them", null);
      }
      return new SurvivorUpdates.Change(survivor, opened, List.of(new Effect.AppendLedger(NOTICE_SENT, Map.of())),
          nudge.text(opened.language()), WriteFirst.Purpose.CASE_MANAGER);
    })).compose(survivor -> noteChange(caller, survivorId, NOTICE_SENT).map(survivor))
        .onSuccess(survivor -> LOG.info("notice sent survivor={} by={}", survivorId, caller.id()));
  }

  /**
   * A revocation or a grant the survivor gave in person or on paper, recorded by {@code caller}: the same effects
   * as one given in the chat ({@link ConsentChanges}: the status, the ledger event, the case manager's alert, the
   * recipient's notice on a revocation), the ledger naming who recorded it ({@code staff:<id>}) and how it was given
   * (its channel: {@code in_person} or {@code paper}), and a receipt to hand the survivor.
   */
  public Future<Recorded> recordDecision(StaffMember caller, String survivorId, Decision decision) {
    if (!DECIDED_FROM.containsKey(decision.to())) {
      return Future.failedFuture(Refusal.invalid("status", "a recorded decision is revoked or granted"));
    }
    if (!GIVEN.contains(decision.given())) {
      return Future.failedFuture(Refusal.invalid("given", "a decision is given in_person or on paper"));
    }
    String reason = decision.reason() == null ? "" : decision.reason().strip();
    if (reason.length() > MAX_REASON) {
      return Future.failedFuture(Refusal.invalid("reason", "at most " + MAX_REASON + " characters"));
    }
    Instant now = clock.instant();
    String receipt = Receipts.of(survivorId, decision.consentId(), now.toEpochMilli(), decision.to());
    EffectWriter.Actor actor = new EffectWriter.Actor("staff", caller.id(), decision.given());
    return mayReadSurvivors(caller).compose(v -> updates.update(survivorId, actor, state -> {
      Survivor survivor = state.survivor();
      requireCaseload(caller, survivor);
      ConsentItem item = survivor.consents().stream().filter(c -> c.id().equals(decision.consentId())).findFirst()
          .orElseThrow(() -> Refusal.notFound("this survivor has no consent with this id"));
      if (!DECIDED_FROM.get(decision.to()).contains(item.status())) {
        throw Refusal.conflict("status", "a consent in " + item.status() + " cannot become " + decision.to());
      }
      if (decision.to().equals("granted") && survivor.consents().stream().anyMatch(c -> c != item
          && c.recipient().equals(item.recipient()) && c.purpose().equals(item.purpose()) && ACTIVE.contains(c.status()))) {
        throw Refusal.conflict("status", "another item for this recipient and purpose is already granted or asked");
      }
      List<Effect> effects = ConsentChanges.of(Effect.ConsentChanged.of(item.id(), item.status(), decision.to())
          .withReceipt(receipt).withReason(reason), item.view());
      return new SurvivorUpdates.Change(survivor, state.session(), effects, null);
    })).compose(survivor -> noteChange(caller, survivorId, "consent." + decision.to()).map(survivor)).map(survivor -> {
      LOG.info("consent decision recorded survivor={} consent={} to={} given={} by={}", survivorId,
          decision.consentId(), decision.to(), decision.given(), caller.id());
      ConsentItem changed = survivor.consents().stream().filter(c -> c.id().equals(decision.consentId())).findFirst()
          .orElseThrow();
      return new Recorded(survivor, changed, receipt);
    });
  }

  /**
   * The answer of a minor's representative to a grant the minor gave in the chat ({@code pending_representative}),
   * recorded by {@code caller}: confirmed, it is {@code granted}; refused, {@code declined}. The same effects as a
   * decision ({@link ConsentChanges}: the status, the ledger event, the case manager's alert), the ledger naming who
   * recorded it ({@code staff:<id>}) and how ({@value #REPRESENTATIVE}), and a receipt. Refused (409) for an item in any
   * other status, and for a record that names no representative (record them first).
   */
  public Future<Recorded> recordRepresentative(StaffMember caller, String survivorId, RepresentativeAnswer answer) {
    String note = answer.note() == null ? "" : answer.note().strip();
    if (note.length() > MAX_REASON) {
      return Future.failedFuture(Refusal.invalid("note", "at most " + MAX_REASON + " characters"));
    }
    String to = answer.confirmed() ? "granted" : "declined";
    Instant now = clock.instant();
    String receipt = Receipts.of(survivorId, answer.consentId(), now.toEpochMilli(), to);
    EffectWriter.Actor actor = new EffectWriter.Actor("staff", caller.id(), REPRESENTATIVE);
    return mayReadSurvivors(caller).compose(v -> representativeAnswer(updates, survivorId, answer.consentId(), to, note,
        receipt, actor, null, survivor -> requireCaseload(caller, survivor))
    ).compose(survivor -> noteChange(caller, survivorId, "consent." + to).map(survivor)).map(survivor -> {
      LOG.info("representative answer recorded survivor={} consent={} to={} by={}", survivorId, answer.consentId(), to,
          caller.id());
      ConsentItem changed = survivor.consents().stream().filter(c -> c.id().equals(answer.consentId())).findFirst()
          .orElseThrow();
      return new Recorded(survivor, changed, receipt);
    });
  }

  /**
   * A minor's representative's answer given by themselves, in their own chat after their own PIN: the same change as
   * {@link #recordRepresentative} (status, ledger event, the case manager's alert, a receipt), the ledger naming the
   * representative ({@code representative}) and the channel they wrote on. Refused (409) as there for an item no
   * longer waiting for them, or a record that names no representative any more.
   *
   * @param dedupeId what makes the answer happen once (from the provider's message id), or {@code null}
   */
  public static Future<Survivor> answeredByRepresentative(SurvivorUpdates updates, Clock clock, String survivorId,
      String consentId, boolean confirmed, String channel, String dedupeId) {
    String to = confirmed ? "granted" : "declined";
    String receipt = Receipts.of(survivorId, consentId, clock.instant().toEpochMilli(), to);
    return representativeAnswer(updates, survivorId, consentId, to, "", receipt,
        new EffectWriter.Actor(REPRESENTATIVE, null, channel), dedupeId, survivor -> { });
  }

  private static Future<Survivor> representativeAnswer(SurvivorUpdates updates, String survivorId, String consentId,
      String to, String note, String receipt, EffectWriter.Actor actor, String dedupeId,
      java.util.function.Consumer<Survivor> allowed) {
    return updates.update(survivorId, actor, dedupeId, state -> {
      Survivor survivor = state.survivor();
      allowed.accept(survivor);
      ConsentItem item = survivor.consents().stream().filter(c -> c.id().equals(consentId)).findFirst()
          .orElseThrow(() -> Refusal.notFound("this survivor has no consent with this id"));
      if (!item.status().equals(ConsentItem.PENDING_REPRESENTATIVE)) {
        throw Refusal.conflict("status", "only a minor's grant waiting for their representative takes their answer; "
            + "this one is " + item.status());
      }
      if (survivor.representative() == null) {
        throw new Refusal(Refusal.Kind.CONFLICT, "no_representative",
            "the record names no representative: record them first", "representative");
      }
      List<Effect> effects = ConsentChanges.of(Effect.ConsentChanged.of(item.id(), item.status(), to)
          .withReceipt(receipt).withReason(note), item.view());
      return new SurvivorUpdates.Change(survivor, state.session(), effects, null);
    });
  }

  /**
   * The upkeep of a record after enrolment: contacts (their addresses claimed for this survivor, the removed ones
   * freed), language (the record's and the conversation's), contact window, exit date. One ledger event
   * {@code record.amended} names the parts changed (never their values).
   */
  public Future<Survivor> amend(StaffMember caller, String survivorId, Amendment given) {
    Amendment amendment;
    try {
      // phone numbers as staff write them, in E.164 (the national form of the programme's country understood)
      Amendment numbers = given.contacts() == null ? given
          : given.withContacts(ContactNumbers.normalised(updates.phones(), given.contacts()));
      amendment = numbers.withRepresentative(ContactNumbers.normalised(updates.phones(), numbers.representative()));
    } catch (Refusal refusal) {
      return Future.failedFuture(refusal);
    }
    if (amendment.fields().isEmpty()) {
      return Future.failedFuture(Refusal.invalid(null, "nothing to change"));
    }
    if (amendment.language() != null && !languages.contains(amendment.language())) {
      return Future.failedFuture(Refusal.invalid("language", "language must be one of " + languages));
    }
    if (amendment.contacts() != null && amendment.contacts().stream().distinct().count() < amendment.contacts().size()) {
      return Future.failedFuture(Refusal.invalid("contacts", "the same contact twice"));
    }
    String reason = amendment.riskReason() == null ? null : amendment.riskReason().strip();
    if (amendment.riskLevel() != null && (reason == null || reason.isEmpty())) {
      return Future.failedFuture(Refusal.invalid("riskReason", "a change of risk level needs its reason"));
    }
    if (amendment.riskLevel() == null && reason != null) {
      return Future.failedFuture(Refusal.invalid("riskReason", "a reason goes with riskLevel"));
    }
    if (reason != null && reason.length() > MAX_REASON) {
      return Future.failedFuture(Refusal.invalid("riskReason", "at most " + MAX_REASON + " characters"));
    }
    if (amendment.representative() != null) {
      Representative r = amendment.representative();
      var refused = refusalOf(r);
      if (refused.isPresent()) {
        return Future.failedFuture(refused.get());
      }
      if (r.contacts().stream().distinct().count() < r.contacts().size()) {
        return Future.failedFuture(Refusal.invalid("representative.contacts", "the same contact twice"));
      }
    }
    if (amendment.representativePin() != null && amendment.representative() == null) {
      return Future.failedFuture(Refusal.invalid("representative.pin", "a PIN goes with a representative"));
    }
    if (amendment.dateOfBirth() != null) {
      var problem = Minor.problem(amendment.dateOfBirth(), today());
      if (problem.isPresent()) {
        return Future.failedFuture(Refusal.invalid("dateOfBirth", problem.get()));
      }
    }
    return open(caller, survivorId).compose(before -> {
      if (amendment.contacts() != null || amendment.windowGiven()) {
        try {
          // without a window of their own, their numbers must point to one time zone (else the case manager gives it)
          ContactNumbers.requireZone(amendment.contacts() != null ? amendment.contacts() : before.contacts(),
              amendment.windowGiven() ? amendment.window() : before.contactWindow());
        } catch (Refusal refusal) {
          return Future.<Survivor>failedFuture(refusal);
        }
      }
      List<Survivor.Contact> added = amendment.contacts() == null ? List.of()
          : amendment.contacts().stream().filter(c -> !before.contacts().contains(c)).toList();
      List<Survivor.Contact> removed = amendment.contacts() == null ? List.of()
          : before.contacts().stream().filter(c -> !amendment.contacts().contains(c)).toList();
      // another survivor's address: a conflict only for an admin or that survivor's case manager (TakenContacts)
      return taken.free(caller, amendment.contacts() == null ? List.of() : amendment.contacts(), survivorId, true)
          .compose(v -> taken.representativeFree(caller, amendment.representative(),
              amendment.contacts() == null ? before.contacts() : amendment.contacts(), survivorId))
          .compose(v -> taken.notRepresentatives(caller,
              amendment.contacts() == null ? List.of() : amendment.contacts(), before.contacts()))
          .compose(v -> amendment.representativePin() == null ? Future.succeededFuture((String) null)
              : vertx.executeBlocking(() -> {
                // as at enrolment: the representative's PIN differs from the survivor's PIN and duress PIN
                String pin = amendment.representativePin();
                if (pins.matches(pin, before.pinHash())
                    || before.duressPinHash() != null && pins.matches(pin, before.duressPinHash())) {
                  throw Refusal.invalid("representative.pin", "the representative's PIN must differ from the survivor's PINs");
                }
                return pins.hash(pin);
              }, false))
          .compose(v -> survivors.claimContacts(survivorId, added).map(v))
          .recover(failure -> failure instanceof SurvivorRepository.AddressTakenException
              ? taken.<String>afterFailedClaim(caller, amendment.contacts(), survivorId) : Future.failedFuture(failure))
          .compose(repPinHash -> updates.update(survivorId, caller.id(), state -> amended(caller, state.survivor(),
              state.session(), before, amendment, repPinHash, today())))
          .recover(failure -> survivors.releaseContacts(survivorId, added).transform(r -> Future.failedFuture(failure)))
          .compose(after -> survivors.releaseContacts(survivorId,
              removed.stream().filter(c -> !after.contacts().contains(c)).toList()).map(after));
    }).compose(after -> noteChange(caller, survivorId, "record.amended").map(after))
        .onSuccess(after -> LOG.info("survivor amended id={} fields={} by={}", survivorId,
        String.join(",", amendment.fields()), caller.id()));
  }

  /** Today's date (UTC), for the age of majority. */
  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }

  private static SurvivorUpdates.Change amended(StaffMember caller, Survivor current, Session session, Survivor before,
      Amendment amendment, String representativePinHash, LocalDate today) {
    requireCaseload(caller, current);
    RiskLevel levelBefore = current.risk(today);
    Survivor changed = current;
    Session s = session;
    if (amendment.contacts() != null) {
      // contacts linked meanwhile (a Telegram link used between the read and this commit) are kept
      List<Survivor.Contact> contacts = new ArrayList<>(amendment.contacts());
      current.contacts().stream().filter(c -> !before.contacts().contains(c) && !contacts.contains(c)).forEach(contacts::add);
      changed = changed.withContacts(contacts);
    }
    if (amendment.language() != null) {
      changed = changed.withLanguage(amendment.language());
      s = new Session(s.version(), amendment.language(), s.flow(), s.step(), s.verified(), s.pinFailures(), s.locked(),
          s.optedOut(), s.invalidCount(), s.lastActivity(), s.turns(), s.vars());
    }
    if (amendment.windowGiven()) {
      changed = changed.withContactWindow(amendment.window());
    }
    if (amendment.exitedOnGiven()) {
      changed = changed.withFeedback(changed.feedback().withExitedOn(amendment.exitedOn()));
    }
    ContactWindow window = changed.contactWindow();
    if (window != null) {
      Set<String> channels = changed.contacts().stream().map(Survivor.Contact::channel).collect(Collectors.toSet());
      for (int i = 0; i < window.channels().size(); i++) {
        if (!channels.contains(window.channels().get(i))) {
          throw Refusal.invalid("contactWindow.channels[" + i + "]", "a safe channel must be one of the survivor's contacts' channels");
        }
      }
    }
    if (amendment.representativeGiven()) {
      Representative r = amendment.representative();
      // write-only: a new PIN replaces the hash, none given keeps the one set
      String pinHash = representativePinHash != null ? representativePinHash
          : current.representative() == null ? null : current.representative().pinHash();
      changed = changed.withRepresentative(r == null ? null : r.withPinHash(pinHash));
    }
    changed = withRisk(changed, amendment, today);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("fields", String.join(",", amendment.fields()));
    List<Effect> effects = new ArrayList<>();
    effects.add(new Effect.AppendLedger("record.amended", details));
    RiskLevel levelAfter = changed.risk(today);
    if (levelAfter != levelBefore || amendment.riskLevel() != null && changed.riskLevel() != current.riskLevel()) {
      String source = amendment.riskLevel() != null ? "riskLevel"
          : !java.util.Objects.equals(current.dateOfBirth(), changed.dateOfBirth()) ? "dateOfBirth" : "needsInterpreter";
      effects.addAll(RiskEvents.changed(levelBefore, levelAfter,
          amendment.riskReason() == null ? "" : amendment.riskReason().strip(), source));
    }
    return new SurvivorUpdates.Change(changed, s, effects, null);
  }

  /**
   * The record's date of birth, interpreter need and risk level as amended: a level set by the case manager may not be
   * below what the record's facts demand (a minor is high while a minor: 409), and a date of birth that makes the
   * record a minor's stores it high, so that it stays high after their 18th birthday until the case manager lowers it.
   */
  private static Survivor withRisk(Survivor record, Amendment amendment, LocalDate today) {
    Survivor changed = record;
    if (amendment.dateOfBirthGiven()) {
      changed = changed.withDateOfBirth(amendment.dateOfBirth());
    }
    if (amendment.needsInterpreter() != null) {
      changed = changed.withNeedsInterpreter(amendment.needsInterpreter());
    }
    RiskLevel set = RiskLevel.orLow(changed.riskLevel());
    if (amendment.riskLevel() != null) {
      RiskRules.belowFloor(amendment.riskLevel(), Minor.isMinor(changed.dateOfBirth(), today), changed.needsInterpreter())
          .ifPresent(problem -> {
            throw new Refusal(Refusal.Kind.CONFLICT, RiskRules.BELOW_FLOOR, problem.message(), problem.field());
          });
      set = amendment.riskLevel();
    }
    // a minor's record is stored high (an interpreter need only raises what the record is treated as)
    RiskLevel stored = set.atLeast(RiskLevel.floor(Minor.isMinor(changed.dateOfBirth(), today), false));
    return stored == RiskLevel.orLow(changed.riskLevel()) && amendment.riskLevel() == null ? changed
        : changed.withRiskLevel(stored);
  }

  /** Moves a survivor to another case manager (an admin's act): the record names them, and their list holds it. */
  public Future<Survivor> transfer(StaffMember caller, String survivorId, String caseManager) {
    if (!caller.is(StaffMember.ADMIN)) {
      return Future.failedFuture(Refusal.forbidden("only an admin transfers a survivor"));
    }
    return staff.find(caseManager)
        .compose(found -> found.filter(m -> m.is(StaffMember.CASE_MANAGER)).isPresent()
            ? open(caller, survivorId)
            : Future.failedFuture(Refusal.invalid("caseManager", "no case manager with this id")))
        .compose(before -> before.caseManager().equals(caseManager) ? Future.succeededFuture(before)
            : survivors.addToCaseload(caseManager, survivorId)
                .compose(v -> updates.update(survivorId, caller.id(), state -> new SurvivorUpdates.Change(
                    state.survivor().withCaseManager(caseManager), state.session(),
                    List.of(new Effect.AppendLedger("record.transferred",
                        Map.of("from", state.survivor().caseManager(), "to", caseManager))), null)))
                .compose(after -> survivors.removeFromCaseload(before.caseManager(), survivorId).map(after))
                .compose(after -> noteChange(caller, survivorId, "record.transferred").map(after))
                .onSuccess(after -> LOG.info("survivor transferred id={} from={} to={} by={}", survivorId,
                    before.caseManager(), caseManager, caller.id())));
  }

  /** A new PIN, and the record unlocked; who may is checked before the (deliberately slow) hash is computed. */
  public Future<Survivor> resetPin(StaffMember caller, String survivorId, String pin) {
    return open(caller, survivorId)
        .compose(found -> vertx.executeBlocking(() -> pins.hash(pin), false))
        .compose(hash -> updates.update(survivorId, caller.id(), state -> {
          Survivor survivor = state.survivor();
          requireCaseload(caller, survivor);
          Session s = state.session();
          Session unlocked = new Session(s.version(), s.language(), null, null, false, 0, false, s.optedOut(), 0,
              s.lastActivity(), s.turns(), Map.of());
          return new SurvivorUpdates.Change(survivor.withPinHash(hash), unlocked,
              List.of(new Effect.AppendLedger("pin.reset", Map.of())), null);
        }))
        .compose(survivor -> noteChange(caller, survivorId, "pin.reset").map(survivor))
        .onSuccess(survivor -> LOG.info("pin reset survivor={} by={}", survivorId, caller.id()));
  }

  /** A new one-time Telegram link code for the survivor (shown as a QR code they scan in the office). */
  public Future<String> telegramLink(StaffMember caller, String survivorId) {
    return open(caller, survivorId).compose(s -> audit(caller, survivorId, "telegram.link"))
        .compose(v -> links.create(survivorId, linkTtl))
        .onSuccess(code -> LOG.info("telegram link issued survivor={} by={}", survivorId, caller.id()));
  }

  /** Whether the survivor's record is locked after too many wrong PINs (their session says so). */
  public Future<Boolean> locked(String survivorId) {
    return updates.state(survivorId).map(state -> state.map(s -> s.session().locked()).orElse(false));
  }

  /** Why a representative's name or relation is refused, as the field it names ({@code representative.name}, …). */
  static java.util.Optional<Refusal> refusalOf(Representative r) {
    return Representative.problem(r.name(), r.relation())
        .map(problem -> Refusal.invalid("representative." + problem.substring(0, problem.indexOf(':')), problem));
  }
}
