package org.voz.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.web.ApiError;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.consent.ConsentItem;
import org.voz.conversation.Effect;
import org.voz.consent.Survivor;
import org.voz.crypto.PinHasher;
import org.voz.store.StaffRepository;
import org.voz.store.SurvivorRepository;
import org.voz.store.TelegramLinks;

/** The staff REST API, first part: staff tokens, enrolment, and a survivor's consents. */
public final class StaffApi {

  private static final Logger LOG = LoggerFactory.getLogger(StaffApi.class);
  private static final Pattern STAFF_ID = Validation.STAFF_ID;
  private static final Pattern CODE = Validation.CODE;
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern TELEGRAM_CHAT = Pattern.compile("-?[0-9]{1,20}");
  private static final Set<String> CHANNELS = Set.of("sms", "whatsapp", "telegram");

  private final Vertx vertx;
  private final StaffRepository staff;
  private final SurvivorRepository survivors;
  private final SurvivorUpdates updates;
  private final TelegramLinks links;
  private final PinHasher pins;
  private final List<String> languages;
  private final String botUsername;
  private final Duration linkTtl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private final org.voz.store.FeedbackCohort cohort;

  public StaffApi(
      Vertx vertx, StaffRepository staff, SurvivorRepository survivors, SurvivorUpdates updates, TelegramLinks links,
      PinHasher pins, List<String> languages, String botUsername, Duration linkTtl, Clock clock) {
    this(vertx, staff, survivors, updates, links, pins, languages, botUsername, linkTtl, clock, null);
  }

  /** @param cohort where survivors who accept feedback requests are listed for campaigns; null: not listed */
  public StaffApi(
      Vertx vertx, StaffRepository staff, SurvivorRepository survivors, SurvivorUpdates updates, TelegramLinks links,
      PinHasher pins, List<String> languages, String botUsername, Duration linkTtl, Clock clock,
      org.voz.store.FeedbackCohort cohort) {
    this.cohort = cohort;
    this.vertx = vertx;
    this.staff = staff;
    this.survivors = survivors;
    this.updates = updates;
    this.links = links;
    this.pins = pins;
    this.languages = List.copyOf(languages);
    this.botUsername = botUsername;
    this.linkTtl = linkTtl;
    this.clock = clock;
  }

  /** Mounts the routes on {@code router} (authentication is mounted by the caller on /api/v1/*). */
  public void mount(Router router) {
    router.post("/api/v1/staff").handler(this::createStaff);
    router.post("/api/v1/survivors").handler(this::enrol);
    router.get("/api/v1/survivors/:id/consents").handler(this::consents);
  }

  private void createStaff(RoutingContext ctx) {
    StaffAuth.require(ctx, StaffMember.ADMIN);
    Requests.NewStaff body = Requests.parse(ctx.body().asString(), Requests.NewStaff.class);
    require(body.id() != null && STAFF_ID.matcher(body.id()).matches(), "id",
        "id must be 1-64 lowercase letters, digits, '.', '_' or '-'");
    require(body.role() != null && StaffMember.ROLES.contains(body.role()), "role",
        "role must be case_manager, coordinator or admin");
    require(body.name() != null && !body.name().isBlank() && body.name().length() <= 200, "name",
        "name is required (at most 200 characters)");
    List<StaffMember.Contact> contacts = new ArrayList<>();
    List<Requests.Contact> given = body.contacts() == null ? List.of() : body.contacts();
    for (int i = 0; i < given.size(); i++) {
      Requests.Contact c = given.get(i);
      validateContact(c, "contacts[" + i + "]");
      contacts.add(new StaffMember.Contact(c.channel(), c.address()));
    }
    String token = newToken();
    StaffMember member = new StaffMember(body.id(), body.role(), body.name().strip(), contacts);
    staff.create(member, token)
        .onSuccess(created -> {
          if (!created) {
            ApiError.send(ctx, 409, "conflict", "a staff member with this id exists", "id");
            return;
          }
          LOG.info("staff created id={} role={}", member.id(), member.role());
          json(ctx, 201, new JsonObject().put("id", member.id()).put("role", member.role()).put("token", token));
        })
        .onFailure(ctx::fail);
  }

  private void enrol(RoutingContext ctx) {
    StaffMember caller = StaffAuth.require(ctx, StaffMember.CASE_MANAGER, StaffMember.ADMIN);
    Requests.Enrol body = Requests.parse(ctx.body().asString(), Requests.Enrol.class);
    require(body.caseRef() != null && CODE.matcher(body.caseRef()).matches(), "caseRef",
        "caseRef is required: 1-64 letters, digits, '.', '_' or '-'");
    String language = body.language() == null ? languages.get(0) : body.language();
    require(languages.contains(language), "language", "language must be one of " + languages);
    require(body.caseManager() != null && STAFF_ID.matcher(body.caseManager()).matches(), "caseManager",
        "caseManager is required: a staff id");
    if (caller.is(StaffMember.CASE_MANAGER) && !caller.id().equals(body.caseManager())) {
      throw ApiError.forbidden("a case manager enrols survivors under their own id");
    }
    Validation.pin(body.pin(), "pin");
    if (body.duressPin() != null) {
      Validation.pin(body.duressPin(), "duressPin");
      require(!body.duressPin().equals(body.pin()), "duressPin", "the duress PIN must differ from the PIN");
    }
    List<Survivor.Contact> contacts = contacts(body.contacts());
    List<ConsentItem> consents = consents(body.consents());
    org.voz.feedback.Participation participation = participation(body.feedback());
    org.voz.safety.ContactWindow contactWindow = Validation.window(body.contactWindow(),
        contacts.stream().map(Survivor.Contact::channel).collect(java.util.stream.Collectors.toSet()));
    Future<Void> caseManagerExists = caller.is(StaffMember.CASE_MANAGER)
        ? Future.succeededFuture()
        : staff.find(body.caseManager()).compose(found -> found.filter(m -> m.is(StaffMember.CASE_MANAGER)).isPresent()
            ? Future.succeededFuture()
            : Future.failedFuture(ApiError.badRequest("caseManager", "no case manager with this id")));
    String id = newId();
    caseManagerExists
        .compose(v -> vertx.executeBlocking(() -> new String[] {pins.hash(body.pin()),
            body.duressPin() == null ? null : pins.hash(body.duressPin())}, false))
        .map(hashes -> new Survivor(id, body.caseRef(), language, body.caseManager(), contacts, hashes[0],
            consents, clock.instant(), null, contactWindow, hashes[1], java.util.List.of(), participation))
        // listed for campaigns before the enrolment commit: a failure after it would leave them out for good,
        // while an id listed for an enrolment that then fails has no record and is skipped by the fan-out
        .compose(survivor -> cohort == null || !participation.acceptsRequests()
            ? Future.succeededFuture(survivor) : cohort.add(survivor.id()).map(survivor))
        .compose(survivor -> updates.enrol(survivor, caller.id(), enrolmentEvents(consents)))
        .compose(survivor -> links.create(survivor.id(), linkTtl))
        .onSuccess(code -> {
          LOG.info("survivor enrolled id={} caseManager={}", id, body.caseManager());
          json(ctx, 201, new JsonObject().put("id", id)
              .put("telegramLink", "https://t.me/" + botUsername + "?start=" + code));
        })
        .onFailure(failure -> {
          if (failure instanceof SurvivorRepository.AddressTakenException taken) {
            ApiError.send(ctx, 409, "conflict", taken.getMessage(), "contacts");
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void consents(RoutingContext ctx) {
    StaffMember caller = StaffAuth.require(ctx, StaffMember.CASE_MANAGER, StaffMember.ADMIN);
    String id = ctx.pathParam("id");
    survivors.find(id)
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(ApiError.notFound("no survivor with this id"));
          }
          StaffAuth.requireCaseload(caller, found.get());
          return Future.succeededFuture(found.get());
        })
        .onSuccess(survivor -> {
          JsonArray list = new JsonArray();
          survivor.consents().forEach(c -> list.add(CaseworkApi.consentJson(c)));
          json(ctx, 200, new JsonObject().put("consents", list));
        })
        .onFailure(ctx::fail);
  }

  /** {@code feedback}: whether they may be asked for feedback (default no), programme code, exit date. */
  private static org.voz.feedback.Participation participation(Requests.Feedback given) {
    if (given == null) {
      return org.voz.feedback.Participation.NONE;
    }
    require(given.programme() == null || CODE.matcher(given.programme()).matches(), "feedback.programme",
        "programme must be a code: 1-64 letters, digits, '.', '_' or '-'");
    java.time.LocalDate exited = null;
    if (given.exitedOn() != null) {
      try {
        exited = java.time.LocalDate.parse(given.exitedOn());
      } catch (java.time.format.DateTimeParseException e) {
        throw ApiError.badRequest("feedback.exitedOn", "exitedOn must be a date, e.g. 2026-06-30");
      }
    }
    return new org.voz.feedback.Participation(Boolean.TRUE.equals(given.acceptsRequests()), given.programme(), exited,
        List.of());
  }

  private List<Survivor.Contact> contacts(List<Requests.Contact> given) {
    require(given != null && !given.isEmpty(), "contacts", "at least one contact is required");
    Set<String> seen = new HashSet<>();
    List<Survivor.Contact> contacts = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      Requests.Contact c = given.get(i);
      String field = "contacts[" + i + "]";
      validateContact(c, field);
      require(seen.add(c.channel() + ":" + c.address()), field, "duplicate contact");
      contacts.add(new Survivor.Contact(c.channel(), c.address()));
    }
    return contacts;
  }

  private static void validateContact(Requests.Contact c, String field) {
    require(c != null, field, "a contact object is required");
    require(c.channel() != null && CHANNELS.contains(c.channel()), field + ".channel",
        "channel must be sms, whatsapp or telegram");
    boolean telegram = c.channel().equals("telegram");
    require(c.address() != null && (telegram ? TELEGRAM_CHAT : E164).matcher(c.address()).matches(),
        field + ".address", telegram ? "a Telegram chat id is digits" : "address must be an E.164 number like +50255550147");
  }

  private List<ConsentItem> consents(List<Requests.Consent> given) {
    List<ConsentItem> items = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> pairs = new HashSet<>();
    Instant now = clock.instant();
    List<Requests.Consent> list = given == null ? List.of() : given;
    for (int i = 0; i < list.size(); i++) {
      Requests.Consent c = list.get(i);
      String field = "consents[" + i + "]";
      ConsentItem item = Validation.consent(c, field, now);
      require(ids.add(item.id()), field + ".id", "duplicate consent id");
      require(pairs.add(item.recipient() + "\u0000" + item.purpose()), field + ".purpose",
          "one consent item per recipient organisation and purpose");
      items.add(item);
    }
    return items;
  }

  /** The consents recorded at enrolment open the survivor's ledger, one event each. */
  private static List<Effect> enrolmentEvents(List<ConsentItem> consents) {
    return consents.stream().<Effect>map(c -> new Effect.AppendLedger("consent." + c.status(), Map.of(
        "consentId", c.id(), "to", c.status(), "data", c.data(), "recipient", c.recipient(),
        "purpose", c.purpose(), "until", c.until().toString(), "source", "enrolment"))).toList();
  }

  private static void require(boolean ok, String field, String message) {
    Validation.require(ok, field, message);
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String newId() {
    byte[] bytes = new byte[15];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
