package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.voz.channel.ChannelContext;
import org.voz.channel.ChannelModule;
import org.voz.channel.RateBook;
import org.voz.channel.SharedRateBook;
import org.voz.channel.simulator.SimulatorModule;
import org.voz.contact.Capabilities;
import org.voz.contact.ChannelCatalog;
import org.voz.contact.ChannelId;
import org.voz.conversation.CodesignOffer;
import org.voz.conversation.Conversations;
import org.voz.conversation.Engine;
import org.voz.crypto.Keyring;
import org.voz.crypto.PinHasher;
import org.voz.dispatch.DispatchOptions;
import org.voz.dispatch.OutboxDispatcher;
import org.voz.safety.RiskLevel;
import org.voz.service.EffectWriter;
import org.voz.service.SurvivorStores;
import org.voz.service.VozMetrics;
import org.voz.service.campaigns.CountingDelivery;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.service.inbound.Escalations;
import org.voz.service.inbound.FeedbackEffects;
import org.voz.service.inbound.InboundService;
import org.voz.store.CampaignProgress;
import org.voz.store.ExpiryIndex;
import org.voz.store.FeedbackStore;
import org.voz.store.Keys;
import org.voz.store.Redis;
import org.voz.store.RequestIndex;
import org.voz.store.SessionStore;
import org.voz.store.StaffRepository;
import org.voz.store.SurvivorRepository;

/**
 * The components every edge (webhooks, staff API, jobs) shares, built once from the configuration: the
 * stores, the crypto, the engine, the outbound channels and the outbox, and the two ways a survivor's
 * state changes (an inbound message, a staff or system update).
 */
public record Services(
    Vertx vertx, Config config, Conversations conversations, Clock clock, VozMetrics metrics,
    Redis redis, Keys keys, Keyring keyring, PinHasher pins, SurvivorStores stores, StaffRepository staff,
    List<ChannelModule> channels, OutboxDispatcher dispatcher, InboundService inbound, SurvivorUpdates updates) {

  /** The survivors' sessions (with their records' versions). */
  public SessionStore sessions() {
    return stores.sessions();
  }

  /** The survivors' records. */
  public SurvivorRepository survivors() {
    return stores.survivors();
  }

  /** When consents end. */
  public ExpiryIndex expiries() {
    return stores.expiries();
  }

  /** Whether the dev chat simulator runs (its demo survivors are then enrolled at start). */
  boolean simulator() {
    return channels.stream().anyMatch(SimulatorModule.class::isInstance);
  }

  public static Services build(Vertx vertx, Config config, Voz.Resources resources, Conversations conversations) {
    return build(vertx, config, resources, conversations, new Keyring(resources.dataKey(), resources.previousKeys()));
  }

  /** @param keyring the data keys, with the secrets kept in Redis in place ({@link org.voz.store.KeyCanary}) */
  public static Services build(Vertx vertx, Config config, Voz.Resources resources, Conversations conversations,
      Keyring keyring) {
    Keys keys = new Keys(config.redis().prefix(), config.redis().partitions());
    PinHasher pins = new PinHasher(keyring, config.security().pinHashIterations());
    VozMetrics metrics = new VozMetrics(resources.registry());
    Redis redis = resources.redis();
    Clock clock = resources.clock();

    SessionStore sessions = new SessionStore(redis, keys, config.dedupe().ttl(), clock);
    SurvivorRepository survivors = new SurvivorRepository(redis, keys, keyring);
    StaffRepository staff = new StaffRepository(redis, keys, keyring);
    ExpiryIndex expiries = new ExpiryIndex(redis, keys);
    FeedbackConfig feedback = config.feedback();
    Engine engine = new Engine(conversations, Engine.Options.DEFAULTS
        .withIdleTimeout(config.conversation().idleTimeout())
        .withMaxPinAttempts(config.security().maxPinAttempts())
        .withGrantStatus(config.consent().chatGrantStatus())
        .withRequestDue(java.time.Duration.ofDays(config.requests().dueDays()))
        .withCodesign(CodesignOffer.DEFAULT.withCompensation(feedback.codesign().compensation())
            .withTermDays(feedback.codesign().term().toDays())));
    // every commit pokes the outbox, which delivers through the channels, which take inbound messages into the
    // use cases: the channels and the outbox are built last, and the use cases reach what the channels can carry and
    // the outbox through these references, set before any commit
    AtomicReference<ChannelCatalog> catalog = new AtomicReference<>(ChannelCatalog.NONE);
    AtomicReference<OutboxDispatcher> outbox = new AtomicReference<>();
    EffectWriter effects = new EffectWriter(keyring, catalog::get, new EffectWriter.Options(
        config.recipients().keySet(), config.alerts().giveUpAfter(), config.alerts().notifyCaseManager(),
        config.twilio().maxSegments(), feedback.codesign().term(), config.mail().enabled(), config.risk()));
    IntConsumer poke = partition -> outbox.get().poke(partition);
    FeedbackEffects answers = new FeedbackEffects(new FeedbackStore(redis, keys, keyring),
        new Escalations(sessions, keys, keyring, feedback.safeguarding().matcher(), clock, config.alerts().giveUpAfter(),
            poke),
        new CampaignProgress(redis, keys, keyring));
    SurvivorStores stores = new SurvivorStores(sessions, survivors, keys, keyring, new RequestIndex(redis, keys), expiries,
        new org.voz.store.AdultIndex(redis, keys));
    InboundService inbound = new InboundService(vertx, engine, stores, pins, effects, answers, metrics, clock, poke,
        config.consent().alertOnOptOut(), config.throttle().unknownSenderQuiet());
    SurvivorUpdates updates = new SurvivorUpdates(stores, clock, inbound, effects, config.contact().window(),
        config.contact().phones());
    inbound.representatives(new org.voz.service.inbound.RepresentativeChat(vertx, conversations,
        new org.voz.store.RepresentativeIndex(redis, keys, keyring),
        new org.voz.store.RepresentativeSessions(redis, keys, keyring), sessions, updates, effects, pins, keys, clock,
        config.security().maxPinAttempts(), config.conversation().idleTimeout()));

    RateBook rates = config.outbox().sharedRateLimits()
        ? new SharedRateBook(redis, keys.prefix(), address -> keyring.markerHash("rate", address))
        : RateBook.LOCAL;
    Duration idle = config.conversation().idleTimeout();
    Duration shortestIdle = java.util.stream.Stream.of(RiskLevel.values())
        .map(level -> effects.policies().of(level).idleTimeout(idle)).min(Duration::compareTo).orElse(idle);
    java.util.function.Function<String, Future<Duration>> idleOf = survivorId -> survivors.find(survivorId)
        .map(found -> found.map(s -> effects.policyOf(s, clock.instant()).idleTimeout(idle)).orElse(idle));
    List<ChannelModule> channels = Channels.modules(new ChannelContext(vertx, redis, keys, keyring, clock, metrics,
        rates, inbound, updates, config.http().publicUrl(), idle, idleOf, shortestIdle, config.production()),
        config, resources.moreChannels());
    catalog.set(catalog(channels));
    Config.Outbox o = config.outbox();
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, new CountingDelivery(
        Outbound.delivery(vertx, config, channels, keyring, staff, new org.voz.store.AlertEmailSettings(redis, keys, keyring),
            metrics, clock),
        new CampaignProgress(redis, keys, keyring)), new DispatchOptions(
        o.consumerName(config.http().port()), o.batchSize(), o.sweepInterval(), o.claimIdle(), o.maxAttempts(),
        o.backoffBase(), o.backoffMax(), DispatchOptions.DEFAULT_DELIVERY_TIMEOUT, o.concurrency()));
    outbox.set(dispatcher);
    return new Services(vertx, config, conversations, clock, metrics, redis, keys, keyring, pins, stores, staff,
        channels, dispatcher, inbound, updates);
  }

  /** The erasure use case (staff, the retention job and the survivor's accepted request share it). */
  org.voz.service.casework.Erasure erasure() {
    return new org.voz.service.casework.Erasure(
        stores(), updates, inbound, new org.voz.store.SurvivorEraser(redis, keys, keyring), clock);
  }

  /** What each channel the modules send on can carry, as their outlets declare it. */
  static ChannelCatalog catalog(List<ChannelModule> channels) {
    Map<ChannelId, Capabilities> declared = new HashMap<>();
    channels.forEach(module -> module.outlets().forEach(outlet -> declared.put(outlet.id(), outlet.capabilities())));
    return new ChannelCatalog(declared);
  }
}
