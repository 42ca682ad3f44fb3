package org.voz.web.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.conversation.Session;
import org.voz.crypto.PinHasher;
import org.voz.service.ConversationNudge;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.staff.StaffMember;
import org.voz.store.Json;
import org.voz.store.LedgerReader;
import org.voz.store.SurvivorRepository;
import org.voz.web.ApiError;

/**
 * A case manager's work on one survivor: propose a consent ({@code POST /api/v1/survivors/{id}/consents},
 * status {@code pending}), read the consent history, reset a locked PIN. Every change goes through
 * {@link SurvivorUpdates}: version-checked, with its ledger event, in one commit.
 */
public final class CaseworkApi {

  private static final Logger LOG = LoggerFactory.getLogger(CaseworkApi.class);
  /** Statuses in which an item holds its recipient and purpose (a new request for them would duplicate it). */
  private static final java.util.Set<String> ACTIVE = java.util.Set.of("pending", "granted", "granted_pending_confirmation");

  private final Vertx vertx;
  private final SurvivorUpdates updates;
  private final SurvivorRepository survivors;
  private final LedgerReader ledgers;
  private final PinHasher pins;
  private final ConversationNudge nudge;
  private final Clock clock;

  public CaseworkApi(Vertx vertx, SurvivorUpdates updates, SurvivorRepository survivors, LedgerReader ledgers,
      PinHasher pins, ConversationNudge nudge, Clock clock) {
    this.vertx = vertx;
    this.updates = updates;
    this.survivors = survivors;
    this.ledgers = ledgers;
    this.pins = pins;
    this.nudge = nudge;
    this.clock = clock;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "proposeConsent").addHandler(this::propose);
    StaffContract.route(api, "consentHistory").addHandler(this::history);
    StaffContract.route(api, "resetPin").addHandler(this::resetPin);
    StaffContract.route(api, "confirmConsent").addHandler(this::confirm);
  }

  private void propose(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    // the contract has checked the item, and that its status is pending: the survivor grants or declines it
    ConsentItem item = Requests.parse(ctx.body().asString(), Requests.Consent.class).item(clock.instant());
    updates.update(ctx.pathParam("id"), caller.id(), state -> {
          Survivor survivor = state.survivor();
          StaffAuth.requireCaseload(caller, survivor);
          if (survivor.consents().stream().anyMatch(c -> c.id().equals(item.id()))) {
            throw new ApiError(409, "conflict", "this survivor already has a consent with this id", "id");
          }
          if (survivor.consents().stream().anyMatch(c -> c.recipient().equals(item.recipient())
              && c.purpose().equals(item.purpose()) && ACTIVE.contains(c.status()))) {
            throw new ApiError(409, "conflict",
                "one consent item per recipient organisation and purpose: this one is already granted or asked", "purpose");
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
        })
        .onSuccess(survivor -> {
          LOG.info("consent proposed survivor={} consent={} by={}", survivor.id(), item.id(), caller.id());
          ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
              .end(consentJson(item).encode());
        })
        .onFailure(ctx::fail);
  }

  /** A grant given by chat that waits for the case manager (granted_pending_confirmation) takes effect. */
  private void confirm(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String consentId = ctx.pathParam("consentId");
    updates.update(ctx.pathParam("id"), caller.id(), state -> {
          Survivor survivor = state.survivor();
          StaffAuth.requireCaseload(caller, survivor);
          ConsentItem item = survivor.consents().stream().filter(c -> c.id().equals(consentId)).findFirst()
              .orElseThrow(() -> ApiError.notFound("this survivor has no consent with this id"));
          if (!item.status().equals("granted_pending_confirmation")) {
            throw new ApiError(409, "conflict", "only a grant awaiting confirmation can be confirmed; this one is "
                + item.status(), "status");
          }
          Effect confirmed = Effect.ConsentChanged.of(item.id(), item.status(), "granted");
          return new SurvivorUpdates.Change(survivor, state.session(), List.of(confirmed), null);
        })
        .onSuccess(survivor -> {
          LOG.info("consent confirmed survivor={} consent={} by={}", survivor.id(), consentId, caller.id());
          survivor.consents().stream().filter(c -> c.id().equals(consentId)).findFirst()
              .ifPresent(c -> ctx.json(consentJson(c)));
        })
        .onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String id = ctx.pathParam("id");
    survivors.find(id)
        .compose(found -> {
          Survivor survivor = found.orElseThrow(() -> ApiError.notFound("no survivor with this id"));
          StaffAuth.requireCaseload(caller, survivor);
          return ledgers.read(id, survivor.ledgerHead());
        })
        .onSuccess(ledger -> {
          JsonArray list = new JsonArray();
          ledger.events().forEach(e -> list.add(new JsonObject(Json.write(e))));
          JsonObject chain = new JsonObject().put("valid", ledger.valid());
          if (!ledger.valid()) {
            chain.put("brokenAt", ledger.brokenAt());
            LOG.warn("consent ledger chain broken survivor={} index={}", id, ledger.brokenAt());
          }
          ctx.json(new JsonObject().put("events", list).put("chain", chain));
        })
        .onFailure(ctx::fail);
  }

  private void resetPin(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String pin = ctx.body().asJsonObject().getString("pin"); // the contract has checked it: 4 to 8 digits
    String id = ctx.pathParam("id");
    // who may reset is checked before the (deliberately slow) hash is computed
    survivors.find(id)
        .compose(found -> {
          StaffAuth.requireCaseload(caller, found.orElseThrow(() -> ApiError.notFound("no survivor with this id")));
          return vertx.executeBlocking(() -> pins.hash(pin), false);
        })
        .compose(hash -> updates.update(id, caller.id(), state -> {
          Survivor survivor = state.survivor();
          StaffAuth.requireCaseload(caller, survivor);
          Session s = state.session();
          Session unlocked = new Session(s.version(), s.language(), null, null, false, 0, false, s.optedOut(), 0,
              s.lastActivity(), s.turns(), Map.of());
          Survivor rehashed = survivor.withPinHash(hash);
          return new SurvivorUpdates.Change(rehashed, unlocked,
              List.of(new Effect.AppendLedger("pin.reset", Map.of())), null);
        }))
        .onSuccess(survivor -> {
          LOG.info("pin reset survivor={} by={}", survivor.id(), caller.id());
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }

  static JsonObject consentJson(ConsentItem c) {
    return new JsonObject()
        .put("id", c.id()).put("data", c.data()).put("recipient", c.recipient())
        .put("purpose", c.purpose()).put("until", c.until() == null ? null : c.until().toString())
        .put("status", c.status()).put("updatedAt", c.updatedAt().toString());
  }
}
