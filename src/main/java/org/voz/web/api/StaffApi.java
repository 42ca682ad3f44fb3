package org.voz.web.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.service.casework.Enrolment;
import org.voz.service.staff.ConsoleAccounts;
import org.voz.staff.StaffMember;
import org.voz.store.StaffRepository;
import org.voz.store.SurvivorRepository;
import org.voz.web.ApiError;

/** The staff REST API, first part: staff tokens, enrolment, and a survivor's consents. */
public final class StaffApi {

  private static final Logger LOG = LoggerFactory.getLogger(StaffApi.class);

  private final StaffRepository staff;
  private final SurvivorRepository survivors;
  private final Enrolment enrolment;
  private final String botUsername;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ConsoleAccounts accounts;
  private final String publicUrl;

  /**
   * @param botUsername the bot in enrolment links {@code https://t.me/<bot>?start=<code>}
   * @param accounts    the console's accounts: a new member gets an invitation link to them
   * @param publicUrl   the base of that link
   */
  public StaffApi(StaffRepository staff, SurvivorRepository survivors, Enrolment enrolment, String botUsername,
      ConsoleAccounts accounts, String publicUrl, Clock clock) {
    this.clock = clock;
    this.staff = staff;
    this.survivors = survivors;
    this.enrolment = enrolment;
    this.botUsername = botUsername;
    this.accounts = accounts;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "createStaff").addHandler(this::createStaff);
    StaffContract.route(api, "enrolSurvivor").addHandler(this::enrol).addFailureHandler(StaffApi::invalidContact);
  }

  private void createStaff(RoutingContext ctx) {
    Requests.NewStaff body = Requests.parse(ctx.body().asString(), Requests.NewStaff.class);
    List<StaffMember.Contact> contacts = new ArrayList<>();
    List<Requests.Contact> given = body.contacts() == null ? List.of() : body.contacts();
    for (int i = 0; i < given.size(); i++) {
      Requests.Contact c = given.get(i);
      // a phone number as staff write it (the national form of the programme's country too), kept in E.164
      String address = c.channel().equals("telegram") ? c.address() : enrolment.phones().e164(c.address())
          .orElseThrow(() -> ApiError.badRequest("contacts[" + contacts.size() + "].address",
              "not a phone number: write it with its country code, e.g. +502 5555 0147, or as dialled in the"
                  + " programme's country"));
      contacts.add(new StaffMember.Contact(c.channel(), address));
    }
    String token = newToken();
    StaffMember member = new StaffMember(body.id(), body.role(), body.name().strip(), contacts, body.language());
    staff.create(member, token)
        .compose(created -> created ? accounts.invite(member.id()) : Future.<String>succeededFuture(null))
        .onSuccess(invite -> {
          if (invite == null) {
            ApiError.send(ctx, 409, "conflict", "a staff member with this id exists", "id");
            return;
          }
          LOG.info("staff created id={} role={}", member.id(), member.role());
          json(ctx, 201, new JsonObject().put("id", member.id()).put("role", member.role()).put("token", token)
              .put("inviteLink", publicUrl + "/console/invite/" + invite));
        })
        .onFailure(ctx::fail);
  }

  private void enrol(RoutingContext ctx) {
    // the contract has checked the shape (codes, PINs, contacts, dates); the conversions below check what
    // belongs to the request (unique consent ids, a real time zone); the use case checks the rules
    Requests.Enrol body = Requests.parse(ctx.body().asString(), Requests.Enrol.class);
    List<Survivor.Contact> contacts = body.contacts().stream().map(c -> new Survivor.Contact(c.channel(), c.address())).toList();
    Enrolment.Command command = new Enrolment.Command(body.caseRef(), body.language(), body.caseManager(), contacts,
        body.pin(), body.duressPin(), consents(body.consents()), participation(body.feedback()),
        window(body.contactWindow(), contacts.stream().map(Survivor.Contact::channel).collect(Collectors.toSet())),
        new Enrolment.Risk(date(body.dateOfBirth(), "dateOfBirth"),
            body.riskLevel() == null ? null : org.voz.safety.RiskLevel.of(body.riskLevel()).orElseThrow(),
            Boolean.TRUE.equals(body.needsInterpreter())),
        body.representative() == null ? null : body.representative().value(),
        body.representative() == null ? null : body.representative().pin());
    enrolment.enrol(StaffAuth.member(ctx), command)
        .onSuccess(enrolled -> json(ctx, 201, new JsonObject().put("id", enrolled.survivorId())
            .put("telegramLink", "https://t.me/" + botUsername + "?start=" + enrolled.telegramCode())))
        .onFailure(ctx::fail);
  }

  /**
   * A contact address the contract refuses (not a phone number, not a chat id) is answered word for word as one
   * that is enrolled under another case manager ({@link Enrolment#CONTACT_REFUSED}): neither tells which it was.
   * Other refusals go on to the contract's own answer.
   */
  static void invalidContact(RoutingContext ctx) {
    var invalid = ContractErrors.validation(ctx.failure());
    String field = invalid == null ? null : ContractErrors.badRequest(invalid).field();
    if (field != null && CONTACT_ADDRESS.matcher(field).matches()) {
      ApiError.badRequest(field, Enrolment.CONTACT_REFUSED).send(ctx);
    } else {
      ctx.next();
    }
  }

  private static final java.util.regex.Pattern CONTACT_ADDRESS = java.util.regex.Pattern.compile("contacts\\[\\d+]\\.address");

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

  /** A date the contract has checked the shape of ({@code format: date}), or {@code null}; one that is no day is a 400. */
  static java.time.LocalDate date(String value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return java.time.LocalDate.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiError.badRequest(field, "a date like 2010-05-31");
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

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
