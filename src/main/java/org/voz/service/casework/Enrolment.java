package org.voz.service.casework;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.ConsentItem;
import org.voz.consent.Representative;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.crypto.PinHasher;
import org.voz.feedback.Participation;
import org.voz.safety.ContactWindow;
import org.voz.safety.Minor;
import org.voz.safety.RiskLevel;
import org.voz.safety.RiskRules;
import org.voz.service.Refusal;
import org.voz.staff.StaffMember;
import org.voz.store.FeedbackCohort;
import org.voz.store.StaffRepository;
import org.voz.store.SurvivorRepository;
import org.voz.store.TelegramLinks;

/**
 * Enrolling a survivor, as the staff API (and the console) ask it: the rules a request's shape cannot say (a
 * language the conversations speak, a case manager enrols under their own id, the duress PIN differs, the case
 * manager exists, no address already enrolled), the PINs hashed on a worker thread, the record and its opening
 * ledger events in one commit, and a one-time Telegram link.
 *
 * <p>An address already enrolled is a conflict only for an admin, or for the case manager whose survivor it is.
 * To any other case manager it is refused exactly as a contact that is not valid at all ({@link #CONTACT_REFUSED},
 * the field, 400, before any PIN is hashed): see {@link TakenContacts}.
 */
public final class Enrolment {

  private static final Logger LOG = LoggerFactory.getLogger(Enrolment.class);

  /** The one message for a contact that cannot be enrolled, whatever the reason (the edges use it too). */
  public static final String CONTACT_REFUSED = TakenContacts.REFUSED;

  /** The code of the refusal of a representative's contact that is the survivor's own. */
  public static final String REPRESENTATIVE_OWN_CONTACT = TakenContacts.OWN_CONTACT_CODE;

  /** The code of the refusal that asks for the survivor's time zone (their number's country has several). */
  public static final String TIMEZONE_REQUIRED = ContactNumbers.TIMEZONE_REQUIRED;

  /**
   * What to enrol, its shape already checked (codes, PIN digits, contacts, dates) by the edge that took it.
   *
   * @param risk the survivor's risk profile: date of birth, the level asked for ({@code null}: what the facts
   *             demand, low unless a minor or an interpreter need), whether they need an interpreter
   * @param representative a minor's guardian or legal representative, or {@code null}: none recorded
   * @param representativePin the representative's own PIN, hashed like the survivor's, or {@code null}: none
   */
  public record Command(String caseRef, String language, String caseManager, List<Survivor.Contact> contacts,
      String pin, String duressPin, List<ConsentItem> consents, Participation participation, ContactWindow window,
      Risk risk, Representative representative, String representativePin) {
    public Command {
      contacts = List.copyOf(contacts);
      consents = List.copyOf(consents);
      risk = risk == null ? Risk.NONE : risk;
    }

    /** A survivor enrolled with a representative who has no PIN of their own. */
    public Command(String caseRef, String language, String caseManager, List<Survivor.Contact> contacts, String pin,
        String duressPin, List<ConsentItem> consents, Participation participation, ContactWindow window, Risk risk,
        Representative representative) {
      this(caseRef, language, caseManager, contacts, pin, duressPin, consents, participation, window, risk,
          representative, null);
    }

    /** A survivor enrolled without a representative. */
    public Command(String caseRef, String language, String caseManager, List<Survivor.Contact> contacts, String pin,
        String duressPin, List<ConsentItem> consents, Participation participation, ContactWindow window, Risk risk) {
      this(caseRef, language, caseManager, contacts, pin, duressPin, consents, participation, window, risk, null);
    }

    /** A survivor enrolled at the low risk level, without a date of birth. */
    public Command(String caseRef, String language, String caseManager, List<Survivor.Contact> contacts, String pin,
        String duressPin, List<ConsentItem> consents, Participation participation, ContactWindow window) {
      this(caseRef, language, caseManager, contacts, pin, duressPin, consents, participation, window, Risk.NONE);
    }
  }

  /**
   * A record's risk profile as staff give it.
   *
   * @param dateOfBirth      {@code null}: not known
   * @param level            {@code null}: what the facts demand
   * @param needsInterpreter whether the survivor needs an interpreter
   */
  public record Risk(java.time.LocalDate dateOfBirth, RiskLevel level, boolean needsInterpreter) {
    public static final Risk NONE = new Risk(null, null, false);
  }

  /** The survivor enrolled, and the code of their one-time Telegram link. */
  public record Enrolled(String survivorId, String telegramCode) {}

  private final Vertx vertx;
  private final StaffRepository staff;
  private final TakenContacts taken;
  private final PinHasher pins;
  private final SurvivorUpdates updates;
  private final FeedbackCohort cohort;
  private final TelegramLinks links;
  private final Duration linkTtl;
  private final List<String> languages;
  private final Clock clock;
  private final ConsentCodes codes;
  private final SecureRandom random = new SecureRandom();

  /** @param languages the languages the conversations speak, the default first */
  public Enrolment(Vertx vertx, StaffRepository staff, SurvivorRepository survivors, PinHasher pins,
      SurvivorUpdates updates, FeedbackCohort cohort, TelegramLinks links, Duration linkTtl, List<String> languages,
      Clock clock, ConsentCodes codes) {
    this.codes = codes;
    this.vertx = vertx;
    this.staff = staff;
    this.taken = new TakenContacts(survivors);
    this.pins = pins;
    this.updates = updates;
    this.cohort = cohort;
    this.links = links;
    this.linkTtl = linkTtl;
    this.languages = List.copyOf(languages);
    this.clock = clock;
  }

  /** The language a survivor is enrolled in when the request names none. */
  public String defaultLanguage() {
    return languages.get(0);
  }

  /** Phone numbers as staff write them: with their country code, or in the programme country's national form. */
  public org.voz.contact.PhoneNumbers phones() {
    return updates.phones();
  }

  public Future<Enrolled> enrol(StaffMember caller, Command given) {
    Command command;
    try {
      command = withNumbers(given);
    } catch (Refusal refusal) {
      return Future.failedFuture(refusal);
    }
    String language = command.language() == null ? defaultLanguage() : command.language();
    if (!languages.contains(language)) {
      return Future.failedFuture(Refusal.invalid("language", "language must be one of " + languages));
    }
    if (caller.is(StaffMember.CASE_MANAGER) && !caller.id().equals(command.caseManager())) {
      return Future.failedFuture(Refusal.forbidden("a case manager enrols survivors under their own id"));
    }
    if (command.duressPin() != null && command.duressPin().equals(command.pin())) {
      return Future.failedFuture(Refusal.invalid("duressPin", "the duress PIN must differ from the PIN"));
    }
    if (command.representative() != null) {
      var refused = SurvivorRecords.refusalOf(command.representative());
      if (refused.isPresent()) {
        return Future.failedFuture(refused.get());
      }
    }
    if (command.representativePin() != null && command.representative() == null) {
      return Future.failedFuture(Refusal.invalid("representative.pin", "a PIN goes with a representative"));
    }
    if (command.representativePin() != null && (command.representativePin().equals(command.pin())
        || command.representativePin().equals(command.duressPin()))) {
      return Future.failedFuture(Refusal.invalid("representative.pin",
          "the representative's PIN must differ from the survivor's PINs"));
    }
    RiskLevel level;
    try {
      codes.check(command.consents(), i -> "consents[" + i + "]");
      level = riskLevel(command);
      ContactNumbers.requireZone(command.contacts(), command.window());
    } catch (Refusal refusal) {
      return Future.failedFuture(refusal);
    }
    String id = newId();
    return caseManagerExists(caller, command.caseManager())
        .compose(v -> taken.free(caller, command.contacts(), null, true))
        .compose(v -> taken.notRepresentatives(caller, command.contacts(), List.of()))
        .compose(v -> taken.representativeFree(caller, command.representative(), command.contacts(), null))
        .compose(v -> vertx.executeBlocking(() -> new String[] {pins.hash(command.pin()),
            command.duressPin() == null ? null : pins.hash(command.duressPin()),
            command.representativePin() == null ? null : pins.hash(command.representativePin())}, false))
        .map(hashes -> Survivor.enrolled(id, command.caseRef(), language, command.caseManager(), command.contacts(),
                hashes[0], command.consents(), clock.instant())
            .withContactWindow(command.window()).withDuressPinHash(hashes[1]).withFeedback(command.participation())
            .withNeedsInterpreter(command.risk().needsInterpreter()).withDateOfBirth(command.risk().dateOfBirth())
            .withRiskLevel(level).withRepresentative(
                command.representative() == null ? null : command.representative().withPinHash(hashes[2])))
        // listed for campaigns before the enrolment commit: a failure after it would leave them out for good,
        // while an id listed for an enrolment that then fails has no record and is skipped by the fan-out
        .compose(survivor -> !command.participation().acceptsRequests()
            ? Future.succeededFuture(survivor) : cohort.add(survivor.id()).map(survivor))
        .compose(survivor -> updates.enrol(survivor, caller.id(), openingEvents(command.consents(), level)))
        // enrolled meanwhile (two enrolments of one address at once): the same answers as when found before
        .recover(failure -> failure instanceof SurvivorRepository.AddressTakenException
            ? taken.<Survivor>afterFailedClaim(caller, command.contacts(), null)
            : Future.failedFuture(failure))
        .compose(survivor -> links.create(survivor.id(), linkTtl))
        .map(code -> {
          LOG.info("survivor enrolled id={} caseManager={}", id, command.caseManager());
          return new Enrolled(id, code);
        });
  }

  /** The command with its phone numbers in E.164 (a number that cannot be one: 400 on its field). */
  private Command withNumbers(Command command) {
    return new Command(command.caseRef(), command.language(), command.caseManager(),
        ContactNumbers.normalised(updates.phones(), command.contacts()), command.pin(), command.duressPin(),
        command.consents(), command.participation(), command.window(), command.risk(),
        ContactNumbers.normalised(updates.phones(), command.representative()), command.representativePin());
  }

  /** An admin names the case manager: they must exist, as a case manager. */
  private Future<Void> caseManagerExists(StaffMember caller, String caseManager) {
    return caller.is(StaffMember.CASE_MANAGER)
        ? Future.succeededFuture()
        : staff.find(caseManager).compose(found -> found.filter(m -> m.is(StaffMember.CASE_MANAGER)).isPresent()
            ? Future.succeededFuture()
            : Future.failedFuture(Refusal.invalid("caseManager", "no case manager with this id")));
  }

  /**
   * The level a new record is enrolled at: the one asked for, which may not be below what the facts demand (a minor is
   * high), or else what they demand; and what that level's policy requires (a duress PIN at high, a contact window of
   * their own at medium) must come with the enrolment. A date of birth must be one.
   */
  private RiskLevel riskLevel(Command command) {
    Risk risk = command.risk();
    java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    if (risk.dateOfBirth() != null) {
      Minor.problem(risk.dateOfBirth(), today).ifPresent(problem -> {
        throw Refusal.invalid("dateOfBirth", problem);
      });
    }
    boolean minor = Minor.isMinor(risk.dateOfBirth(), today);
    RiskLevel floor = RiskLevel.floor(minor, risk.needsInterpreter());
    RiskLevel level = risk.level() == null ? floor : risk.level();
    RiskRules.belowFloor(level, minor, risk.needsInterpreter()).ifPresent(problem -> {
      throw new Refusal(Refusal.Kind.INVALID, RiskRules.BELOW_FLOOR, problem.message(), problem.field());
    });
    RiskRules.unmet(updates.policy(level), level, command.duressPin() != null, command.window() != null)
        .ifPresent(problem -> {
          throw new Refusal(Refusal.Kind.INVALID, RiskRules.REQUIRED, problem.message(), problem.field());
        });
    return level;
  }

  /**
   * The consents recorded at enrolment open the survivor's ledger, one event each; a level above low is recorded too
   * ({@code risk.changed}), and a high one tells the case manager's supervisors ({@code risk.raised}).
   */
  private static List<Effect> openingEvents(List<ConsentItem> consents, RiskLevel level) {
    List<Effect> events = new java.util.ArrayList<>(consents.stream().<Effect>map(c -> new Effect.AppendLedger("consent." + c.status(), Map.of(
        "consentId", c.id(), "to", c.status(), "data", c.data(), "recipient", c.recipient(),
        "purpose", c.purpose(), "until", c.until().toString(), "source", "enrolment"))).toList());
    if (level != RiskLevel.LOW) {
      events.addAll(RiskEvents.changed(null, level, "", "enrolment"));
    }
    return events;
  }

  private String newId() {
    byte[] bytes = new byte[15];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
  }
}
