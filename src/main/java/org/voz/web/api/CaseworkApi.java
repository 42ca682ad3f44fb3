package org.voz.web.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.safety.RiskLevel;
import org.voz.conversation.Effect;
import org.voz.service.casework.SurvivorRecords;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.staff.StaffMember;
import org.voz.store.Json;
import org.voz.web.ApiError;

/**
 * A case manager's work on one survivor: propose a consent ({@code POST /api/v1/survivors/{id}/consents},
 * status {@code pending}), record a decision given in person or on paper, read the consent history, reset a locked
 * PIN, keep the record up to date ({@code PATCH /api/v1/survivors/{id}}), and an admin's transfer. Thin handlers over
 * {@link SurvivorRecords} (the use case the console shares) and, for a confirmation, {@link SurvivorUpdates}.
 */
public final class CaseworkApi {

  private final SurvivorUpdates updates;
  private final SurvivorRecords records;
  private final Clock clock;

  public CaseworkApi(SurvivorUpdates updates, SurvivorRecords records, Clock clock) {
    this.updates = updates;
    this.records = records;
    this.clock = clock;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "getSurvivor").addHandler(this::survivor);
    StaffContract.route(api, "listConsents").addHandler(this::consents);
    StaffContract.route(api, "proposeConsent").addHandler(this::propose);
    StaffContract.route(api, "consentHistory").addHandler(this::history);
    StaffContract.route(api, "resetPin").addHandler(this::resetPin);
    StaffContract.route(api, "confirmConsent").addHandler(this::confirm);
    StaffContract.route(api, "recordConsentDecision").addHandler(this::decide);
    StaffContract.route(api, "recordRepresentativeAnswer").addHandler(this::representativeAnswer);
    StaffContract.route(api, "amendSurvivor").addHandler(this::amend).addFailureHandler(StaffApi::invalidContact);
    StaffContract.route(api, "transferSurvivor").addHandler(this::transfer);
    StaffContract.route(api, "sendNotice").addHandler(this::notice);
  }

  /** A neutral notice the case manager sends on purpose (the one message Voz writes first at the high risk level). */
  private void notice(RoutingContext ctx) {
    records.sendNotice(StaffAuth.member(ctx), ctx.pathParam("id"))
        .onSuccess(survivor -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("queued", true).encode()))
        .onFailure(ctx::fail);
  }

  private void survivor(RoutingContext ctx) {
    records.view(StaffAuth.member(ctx), ctx.pathParam("id"), "survivor_page")
        .onSuccess(survivor -> ctx.json(survivorJson(survivor)))
        .onFailure(ctx::fail);
  }

  private void consents(RoutingContext ctx) {
    records.view(StaffAuth.member(ctx), ctx.pathParam("id"), "consents")
        .onSuccess(survivor -> ctx.json(new JsonObject().put("consents",
            new JsonArray(survivor.consents().stream().map(CaseworkApi::consentJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void propose(RoutingContext ctx) {
    // the contract has checked the item, and that its status is pending: the survivor grants or declines it
    ConsentItem item = Requests.parse(ctx.body().asString(), Requests.Consent.class).item(clock.instant());
    records.requestConsent(StaffAuth.member(ctx), ctx.pathParam("id"), item)
        .onSuccess(proposed -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(consentJson(proposed).encode()))
        .onFailure(ctx::fail);
  }

  /** A revocation or a grant the survivor gave in person or on paper: the same effects as one given in the chat. */
  private void decide(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    JsonObject body = ctx.body().asJsonObject(); // the contract has checked status, given and the reason's length
    records.recordDecision(caller, ctx.pathParam("id"), new SurvivorRecords.Decision(ctx.pathParam("consentId"),
            body.getString("status"), body.getString("given"), body.getString("reason")))
        .onSuccess(recorded -> ctx.json(new JsonObject().put("consent", consentJson(recorded.consent()))
            .put("receipt", recorded.receipt()).put("recordedBy", caller.id()).put("given", body.getString("given"))))
        .onFailure(ctx::fail);
  }

  /**
   * A minor's representative confirmed or refused a grant the minor gave in the chat (pending_representative): granted
   * or declined, recorded by the caller, with a receipt.
   */
  private void representativeAnswer(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    JsonObject body = ctx.body().asJsonObject(); // the contract has checked answer and the note's length
    String answer = body.getString("answer");
    records.recordRepresentative(caller, ctx.pathParam("id"), new SurvivorRecords.RepresentativeAnswer(
            ctx.pathParam("consentId"), "confirmed".equals(answer), body.getString("note")))
        .onSuccess(recorded -> ctx.json(new JsonObject().put("consent", consentJson(recorded.consent()))
            .put("receipt", recorded.receipt()).put("recordedBy", caller.id()).put("answer", answer)))
        .onFailure(ctx::fail);
  }

  /** A grant given by chat that waits for the case manager (granted_pending_confirmation) takes effect. */
  private void confirm(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String consentId = ctx.pathParam("consentId");
    updates.update(ctx.pathParam("id"), caller.id(), state -> {
          Survivor survivor = state.survivor();
          SurvivorRecords.requireCaseload(caller, survivor);
          ConsentItem item = survivor.consents().stream().filter(c -> c.id().equals(consentId)).findFirst()
              .orElseThrow(() -> ApiError.notFound("this survivor has no consent with this id"));
          if (!item.status().equals("granted_pending_confirmation")) {
            throw new ApiError(409, "conflict", "only a grant awaiting confirmation can be confirmed; this one is "
                + item.status(), "status");
          }
          Effect confirmed = Effect.ConsentChanged.of(item.id(), item.status(), "granted");
          return new SurvivorUpdates.Change(survivor, state.session(), List.of(confirmed), null);
        })
        .onSuccess(survivor -> survivor.consents().stream().filter(c -> c.id().equals(consentId)).findFirst()
            .ifPresent(c -> ctx.json(consentJson(c))))
        .onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    records.view(StaffAuth.member(ctx), ctx.pathParam("id"), "ledger")
        .compose(records::ledger)
        .onSuccess(ledger -> {
          JsonArray list = new JsonArray();
          ledger.events().forEach(e -> list.add(new JsonObject(Json.write(e))));
          JsonObject chain = new JsonObject().put("valid", ledger.valid());
          if (!ledger.valid()) {
            chain.put("brokenAt", ledger.brokenAt());
          }
          ctx.json(new JsonObject().put("events", list).put("chain", chain));
        })
        .onFailure(ctx::fail);
  }

  private void resetPin(RoutingContext ctx) {
    String pin = ctx.body().asJsonObject().getString("pin"); // the contract has checked it: 4 to 8 digits
    records.resetPin(StaffAuth.member(ctx), ctx.pathParam("id"), pin)
        .onSuccess(survivor -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /**
   * Contacts, language, contact window, exit date, date of birth, interpreter need, risk level (with its reason), a
   * minor's representative: a part not in the body is left as it is; null clears a window, a date or the representative.
   */
  private void amend(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject(); // the contract has checked the shape
    List<Survivor.Contact> contacts = null;
    if (body.getJsonArray("contacts") != null) {
      contacts = body.getJsonArray("contacts").stream().map(JsonObject.class::cast)
          .map(c -> new Survivor.Contact(c.getString("channel"), c.getString("address"))).toList();
    }
    org.voz.safety.ContactWindow window = null;
    if (body.getJsonObject("contactWindow") != null) {
      // the channels are checked against the contacts the record will have, by the use case
      Requests.Window w = Requests.parse(body.getJsonObject("contactWindow").encode(), Requests.Window.class);
      window = StaffApi.window(w, Set.of("sms", "whatsapp", "telegram", "sim"));
    }
    LocalDate exitedOn = StaffApi.date(body.getString("exitedOn"), "exitedOn");
    Requests.Representative given = body.getJsonObject("representative") == null ? null
        : Requests.parse(body.getJsonObject("representative").encode(), Requests.Representative.class);
    org.voz.consent.Representative representative = given == null ? null : given.value();
    SurvivorRecords.Amendment amendment = new SurvivorRecords.Amendment(contacts, body.getString("language"),
        body.containsKey("contactWindow"), window, body.containsKey("exitedOn"), exitedOn,
        body.containsKey("dateOfBirth"), StaffApi.date(body.getString("dateOfBirth"), "dateOfBirth"),
        body.getString("riskLevel") == null ? null : RiskLevel.of(body.getString("riskLevel")).orElseThrow(),
        body.getString("riskReason"), body.getBoolean("needsInterpreter"), body.containsKey("representative"),
        representative, given == null ? null : given.pin());
    records.amend(StaffAuth.member(ctx), ctx.pathParam("id"), amendment)
        .onSuccess(survivor -> ctx.json(survivorJson(survivor)))
        .onFailure(ctx::fail);
  }

  private void transfer(RoutingContext ctx) {
    String to = ctx.body().asJsonObject().getString("caseManager"); // the contract has checked it is a staff id
    records.transfer(StaffAuth.member(ctx), ctx.pathParam("id"), to)
        .onSuccess(survivor -> ctx.json(survivorJson(survivor)))
        .onFailure(ctx::fail);
  }

  /** A minor's representative as the API shows it ({@code null}: none recorded). */
  static JsonObject representativeJson(org.voz.consent.Representative r) {
    return r == null ? null : new JsonObject().put("name", r.name()).put("relation", r.relation())
        .put("contacts", new JsonArray(r.contacts().stream()
            .map(c -> new JsonObject().put("channel", c.channel()).put("address", c.address())).toList()));
  }

  static JsonObject consentJson(ConsentItem c) {
    return new JsonObject()
        .put("id", c.id()).put("data", c.data()).put("recipient", c.recipient())
        .put("purpose", c.purpose()).put("until", c.until() == null ? null : c.until().toString())
        .put("status", c.status()).put("updatedAt", c.updatedAt().toString());
  }

  /** The parts of a record the staff API keeps up (PATCH, transfer). */
  JsonObject survivorJson(Survivor s) {
    JsonArray contacts = new JsonArray(s.contacts().stream()
        .map(c -> new JsonObject().put("channel", c.channel()).put("address", c.address())).toList());
    JsonObject window = s.contactWindow() == null ? null : new JsonObject()
        .put("timezone", s.contactWindow().timezone()).put("from", s.contactWindow().from().toString())
        .put("to", s.contactWindow().to().toString()).put("channels", new JsonArray(s.contactWindow().channels()));
    return new JsonObject().put("id", s.id()).put("caseRef", s.caseRef()).put("caseManager", s.caseManager())
        .put("language", s.language()).put("contacts", contacts).put("contactWindow", window)
        .put("exitedOn", s.feedback().exitedOn() == null ? null : s.feedback().exitedOn().toString())
        .put("needsInterpreter", s.needsInterpreter())
        .put("dateOfBirth", s.dateOfBirth() == null ? null : s.dateOfBirth().toString())
        .put("riskLevel", s.risk(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)).code())
        .put("representative", representativeJson(s.representative()))
        .put("consents", new JsonArray(s.consents().stream().map(CaseworkApi::consentJson).collect(Collectors.toList())))
        .put("legalHold", holdJson(s.retention().hold()))
        .put("erasureRequest", erasureRequestJson(s.retention().request()));
  }

  /** A legal hold as the API shows it ({@code null}: none stands). */
  static JsonObject holdJson(org.voz.consent.Retention.Hold hold) {
    return hold == null ? null
        : new JsonObject().put("reason", hold.reason()).put("by", hold.by()).put("at", hold.at().toString());
  }

  /** The survivor's erasure request while it waits for a decision ({@code null}: none open). */
  static JsonObject erasureRequestJson(org.voz.consent.Retention.ErasureRequest request) {
    return request == null || !request.open() ? null : new JsonObject().put("id", request.id())
        .put("requestedAt", request.at().toString()).put("status", request.status());
  }
}
