package org.voz.app;

import org.voz.service.EffectWriter;
import org.voz.service.VozMetrics;
import org.voz.service.campaigns.CountingDelivery;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.service.inbound.Escalations;
import org.voz.service.inbound.FeedbackEffects;
import org.voz.service.inbound.InboundService;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.UUID;
import org.voz.conversation.CodesignOffer;
import org.voz.conversation.Conversations;
import org.voz.conversation.Engine;
import org.voz.crypto.Keyring;
import org.voz.crypto.PinHasher;
import org.voz.dispatch.DispatchOptions;
import org.voz.dispatch.OutboxDispatcher;
import org.voz.store.CampaignProgress;
import org.voz.store.ExpiryIndex;
import org.voz.store.FeedbackStore;
import org.voz.store.Keys;
import org.voz.store.Redis;
import org.voz.store.SessionStore;
import org.voz.store.StaffRepository;
import org.voz.store.SurvivorRepository;
import org.voz.store.TelegramLinks;

/**
 * The components every edge (webhooks, staff API, jobs) shares, built once from the configuration: the
 * stores, the crypto, the engine, the outbound channels and the outbox, and the two ways a survivor's
 * state changes (an inbound message, a staff or system update).
 */
record Services(
    Vertx vertx, Config config, Conversations conversations, Clock clock, VozMetrics metrics,
    Redis redis, Keys keys, Keyring keyring, PinHasher pins,
    SessionStore sessions, SurvivorRepository survivors, StaffRepository staff, TelegramLinks links,
    ExpiryIndex expiries, Outbound outbound, OutboxDispatcher dispatcher, InboundService inbound,
    SurvivorUpdates updates) {

  static Services build(Vertx vertx, Config config, Voz.Resources resources, Conversations conversations) {
    Keys keys = new Keys(config.redis().prefix(), config.redis().partitions());
    Keyring keyring = new Keyring(resources.dataKey());
    PinHasher pins = new PinHasher(keyring, config.security().pinHashIterations());
    VozMetrics metrics = new VozMetrics(resources.registry());
    Redis redis = resources.redis();
    Clock clock = resources.clock();

    SessionStore sessions = new SessionStore(redis, keys, config.dedupe().ttl(), clock);
    SurvivorRepository survivors = new SurvivorRepository(redis, keys, keyring);
    StaffRepository staff = new StaffRepository(redis, keys, keyring);
    ExpiryIndex expiries = new ExpiryIndex(redis, keys);
    FeedbackConfig feedback = config.feedback();
    Engine engine = new Engine(conversations, config.conversation().idleTimeout(), config.security().maxPinAttempts(),
        config.consent().chatGrantStatus(), java.time.Duration.ofDays(config.requests().dueDays()),
        new CodesignOffer(CodesignOffer.DEFAULT.data(), CodesignOffer.DEFAULT.recipient(),
            CodesignOffer.DEFAULT.purpose(), feedback.codesign().compensation()));
    EffectWriter effects = new EffectWriter(keyring, config.recipients().keySet(), config.alerts().giveUpAfter(),
        config.alerts().notifyCaseManager(), config.twilio().maxSegments(), feedback.codesign().term());

    Outbound outbound = Outbound.build(vertx, config, redis, keys, keyring, staff, metrics, clock);
    Config.Outbox o = config.outbox();
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys,
        new CountingDelivery(outbound.delivery(), new CampaignProgress(redis, keys, keyring)), new DispatchOptions(
        "voz-" + UUID.randomUUID(), o.batchSize(), o.sweepInterval(), o.claimIdle(), o.maxAttempts(),
        o.backoffBase(), o.backoffMax(), DispatchOptions.DEFAULT_DELIVERY_TIMEOUT, o.concurrency()));
    FeedbackEffects answers = new FeedbackEffects(new FeedbackStore(redis, keys, keyring),
        new Escalations(sessions, keys, keyring, feedback.safeguarding().matcher(), clock, config.alerts().giveUpAfter(),
            dispatcher::poke),
        new CampaignProgress(redis, keys, keyring));
    InboundService inbound = new InboundService(vertx, engine, sessions, survivors, keyring, pins, keys,
        metrics, clock, dispatcher::poke, config.consent().alertOnOptOut(), effects,
        new org.voz.store.RequestIndex(redis, keys), expiries, answers);
    SurvivorUpdates updates = new SurvivorUpdates(sessions, survivors, keyring, keys, clock, inbound, expiries,
        effects, config.contact().window());
    return new Services(vertx, config, conversations, clock, metrics, redis, keys, keyring, pins, sessions, survivors,
        staff, new TelegramLinks(redis, keys), expiries, outbound, dispatcher, inbound, updates);
  }
}
