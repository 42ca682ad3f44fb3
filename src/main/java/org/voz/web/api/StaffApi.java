package org.voz.web.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.crypto.PinHasher;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.staff.StaffMember;
import org.voz.store.StaffRepository;
import org.voz.store.SurvivorRepository;
import org.voz.store.TelegramLinks;
import org.voz.web.ApiError;

/** The staff REST API, first part: staff tokens, enrolment, and a survivor's consents. */
public final class StaffApi {

  private static final Logger LOG = LoggerFactory.getLogger(StaffApi.class);

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

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "createStaff").addHandler(this::createStaff);
    StaffContract.route(api, "enrolSurvivor").addHandler(this::enrol);
    StaffContract.route(api, "listConsents").addHandler(this::consents);
  }

  private void createStaff(RoutingContext ctx) {
    Requests.NewStaff body = Requests.parse(ctx.body().asString(), Requests.NewStaff.class);
    List<StaffMember.Contact> contacts = new ArrayList<>();
    for (Requests.Contact c : body.contacts() == null ? List.<Requests.Contact>of() : body.contacts()) {
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
    StaffMember caller = StaffAuth.member(ctx);
    // the contract has checked the shape (codes, PINs, contacts, dates); what it cannot say is checked here
    Requests.Enrol body = Requests.parse(ctx.body().asString(), Requests.Enrol.class);
    String language = body.language() == null ? languages.get(0) : body.language();
    require(languages.contains(language), "language", "language must be one of " + languages);
    if (caller.is(StaffMember.CASE_MANAGER) && !caller.id().equals(body.caseManager())) {
      throw ApiError.forbidden("a case manager enrols survivors under their own id");
    }
    require(body.duressPin() == null || !body.duressPin().equals(body.pin()), "duressPin",
        "the duress PIN must differ from the PIN");
    List<Survivor.Contact> contacts = body.contacts().stream().map(c -> new Survivor.Contact(c.channel(), c.address())).toList();
    List<ConsentItem> consents = consents(body.consents());
    org.voz.feedback.Participation participation = participation(body.feedback());
    org.voz.safety.ContactWindow contactWindow = window(body.contactWindow(),
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
    StaffMember caller = StaffAuth.member(ctx);
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
    java.time.LocalDate exited = given.exitedOn() == null ? null : java.time.LocalDate.parse(given.exitedOn());
    return new org.voz.feedback.Participation(Boolean.TRUE.equals(given.acceptsRequests()), given.programme(), exited,
        List.of());
  }

  /** A contact window: a time zone that exists, hours that are times and start before they end, safe channels among the contacts'. */
  static org.voz.safety.ContactWindow window(Requests.Window w, Set<String> contactChannels) {
    if (w == null) {
      return null;
    }
    java.time.LocalTime from = time(w.from(), "contactWindow.from");
    java.time.LocalTime to = time(w.to(), "contactWindow.to");
    List<String> channels = w.channels() == null ? List.of() : w.channels();
    for (int i = 0; i < channels.size(); i++) {
      require(contactChannels.contains(channels.get(i)), "contactWindow.channels[" + i + "]",
          "a safe channel must be one of the survivor's contacts' channels");
    }
    try {
      return new org.voz.safety.ContactWindow(w.timezone(), from, to, channels);
    } catch (IllegalArgumentException e) {
      boolean zone = e.getMessage().contains("zone");
      throw ApiError.badRequest(zone ? "contactWindow.timezone" : "contactWindow.to", e.getMessage());
    }
  }

  /** "HH:mm" that is a time of day (the contract's pattern lets 29:00 through). */
  private static java.time.LocalTime time(String value, String field) {
    try {
      return java.time.LocalTime.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiError.badRequest(field, "a time like 08:00");
    }
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
      ConsentItem item = c.item(now);
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
    if (!ok) {
      throw ApiError.badRequest(field, message);
    }
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
