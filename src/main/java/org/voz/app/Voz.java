package org.voz.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.AlertSender;
import org.voz.channel.ChannelSender;
import org.voz.channel.ReplyDelivery;
import org.voz.channel.simulator.SimulatorInbox;
import org.voz.channel.simulator.SimulatorRoutes;
import org.voz.channel.telegram.TelegramApi;
import org.voz.channel.telegram.TelegramPoller;
import org.voz.channel.telegram.TelegramWebhook;
import org.voz.channel.twilio.TwilioMessageDeleter;
import org.voz.channel.twilio.TwilioSender;
import org.voz.channel.twilio.TwilioStatusWebhook;
import org.voz.channel.twilio.TwilioWebhook;
import org.voz.channel.twilio.WhatsAppWindow;
import org.voz.conversation.Conversations;
import org.voz.conversation.Engine;
import org.voz.crypto.Keyring;
import org.voz.crypto.PinHasher;
import org.voz.dispatch.DispatchOptions;
import org.voz.dispatch.OutboxDispatcher;
import org.voz.feedback.Aggregator;
import org.voz.feedback.Redactor;
import org.voz.feedback.Safeguarding;
import org.voz.feedback.SurveyCatalog;
import org.voz.staff.AlertsApi;
import org.voz.staff.CampaignResultsApi;
import org.voz.staff.CampaignsApi;
import org.voz.staff.CaseworkApi;
import org.voz.staff.StaffApi;
import org.voz.staff.StaffAuth;
import org.voz.store.AlertRepository;
import org.voz.store.CampaignStore;
import org.voz.store.FeedbackStore;
import org.voz.store.ExpiryIndex;
import org.voz.store.Keys;
import org.voz.store.LedgerReader;
import org.voz.store.Redis;
import org.voz.store.SessionStore;
import org.voz.store.StaffRepository;
import org.voz.store.SurvivorRepository;
import org.voz.store.TelegramLinker;
import org.voz.store.TelegramLinks;

/**
 * The composition root: builds every component from the configuration and deploys the HTTP and outbox
 * verticles. The same code runs the service ({@link Main}) and the integration tests.
 */
public final class Voz {

  private static final Logger LOG = LoggerFactory.getLogger(Voz.class);

  private final Vertx vertx;
  private final Config config;
  private final int port;
  private final long depthTimer;
  private final ExpiryJob expiryJob;

  private Voz(Vertx vertx, Config config, int port, long depthTimer, ExpiryJob expiryJob) {
    this.expiryJob = expiryJob;
    this.vertx = vertx;
    this.config = config;
    this.port = port;
    this.depthTimer = depthTimer;
  }

  /** Everything the service needs from outside: resolved by {@link Main} (or a test) before the start. */
  public record Resources(Redis redis, byte[] dataKey, String adminToken, PrometheusMeterRegistry registry, Clock clock) {}

  public static Future<Voz> start(Vertx vertx, Config config, Resources resources) {
    return vertx.executeBlocking(() -> Conversations.load(Path.of(config.conversation().dir())), false)
        .compose(conversations -> start(vertx, config, resources, conversations));
  }

  private static Future<Voz> start(Vertx vertx, Config config, Resources resources, Conversations conversations) {
    Keys keys = new Keys(config.redis().prefix(), config.redis().partitions());
    Keyring keyring = new Keyring(resources.dataKey());
    PinHasher pins = new PinHasher(keyring, config.security().pinHashIterations());
    VozMetrics metrics = new VozMetrics(resources.registry());
    Redis redis = resources.redis();

    SessionStore sessions = new SessionStore(redis, keys, config.dedupe().ttl());
    SurvivorRepository survivors = new SurvivorRepository(redis, keys, keyring);
    StaffRepository staff = new StaffRepository(redis, keys, keyring);
    TelegramLinks links = new TelegramLinks(redis, keys);
    ExpiryIndex expiries = new ExpiryIndex(redis, keys);
    Engine engine = new Engine(conversations, config.conversation().idleTimeout(), config.security().maxPinAttempts(),
        config.consent().chatGrantStatus());

    boolean simulator = !config.production() && config.simulator().enabled();
    SimulatorInbox inbox = new SimulatorInbox();
    Map<String, ChannelSender> senders = new HashMap<>();
    if (simulator) {
      senders.put("sim", inbox);
    }
    Config.Twilio twilio = config.twilio();
    WhatsAppWindow whatsappWindow = new WhatsAppWindow(redis, keys, keyring);
    TwilioMessageDeleter deleter = null;
    if (twilio.enabled() && !twilio.accountSid().isBlank() && !twilio.authToken().isBlank()) {
      var client = TwilioSender.client(twilio.accountSid(), twilio.authToken(), twilio.apiBase());
      senders.putAll(ChannelSenders.twilio(vertx, twilio, TwilioSender.statusCallbackUrl(config.http().publicUrl()),
          whatsappWindow));
      deleter = twilio.deleteBodiesAfterDelivery() ? new TwilioMessageDeleter(vertx, client) : null;
    }
    Config.Telegram telegram = config.telegram();
    TelegramApi telegramApi = new TelegramApi(WebClient.create(vertx), telegram.apiBase(), telegram.botToken());
    if (telegram.enabled() && telegramApi.configured()) {
      senders.put("telegram", ChannelSenders.telegram(vertx, telegramApi, telegram));
    }
    WebClient webClient = WebClient.create(vertx,
        new io.vertx.ext.web.client.WebClientOptions().setConnectTimeout(5000).setIdleTimeout(30),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(20));
    AlertSender alerts = new AlertSender(webClient, config.alerts().webhookUrl(), config.alerts().webhookSecret());
    Map<String, AlertSender> notices = new HashMap<>();
    config.recipients().forEach((code, r) -> notices.put("recipient:" + code, new AlertSender(webClient, r.url(), r.secret())));
    ReplyDelivery delivery = new ReplyDelivery(keyring, senders, alerts, notices, metrics, resources.clock(),
        staffId -> staff.find(staffId).map(found -> found.map(m -> m.contacts().stream()
            .map(c -> new String[] {c.channel(), c.address()}).toList()).orElse(List.of())));
    EffectWriter effects = new EffectWriter(keyring, config.recipients().keySet(), config.alerts().giveUpAfter(),
        config.alerts().notifyCaseManager(), config.twilio().maxSegments());

    Config.Outbox o = config.outbox();
    OutboxDispatcher dispatcher = new OutboxDispatcher(redis, keys, delivery, new DispatchOptions(
        "voz-" + UUID.randomUUID(), o.batchSize(), o.sweepInterval(), o.claimIdle(), o.maxAttempts(),
        o.backoffBase(), o.backoffMax()));
    InboundService inbound = new InboundService(vertx, engine, sessions, survivors, keyring, pins, keys,
        metrics, resources.clock(), dispatcher::poke, config.consent().alertOnOptOut(), effects);

    SurvivorUpdates updates = new SurvivorUpdates(sessions, survivors, keyring, keys, resources.clock(), inbound, expiries,
        effects, config.contact().window());
    TwilioWebhook twilioWebhook = new TwilioWebhook(twilio.authToken(), config.http().publicUrl(), inbound, whatsappWindow);
    TwilioStatusWebhook twilioStatus = new TwilioStatusWebhook(twilio.authToken(), config.http().publicUrl(), metrics, deleter);
    TelegramWebhook telegramWebhook = new TelegramWebhook(telegram.webhookSecret(), inbound, links,
        new TelegramLinker(redis, keys, keyring, updates::addContact), telegramApi);
    StaffAuth auth = new StaffAuth(resources.adminToken(), staff);
    StaffApi staffApi = new StaffApi(vertx, staff, survivors, updates, links, pins, conversations.languages(),
        config.telegram().botUsername(), config.telegram().linkTtl(), resources.clock());
    ExpiryJob expiryJob = new ExpiryJob(expiries, updates, resources.clock(), config.consent().expiryInterval());
    CaseworkApi casework = new CaseworkApi(vertx, updates, survivors, new LedgerReader(sessions, keys, keyring), pins,
        new ConversationNudge(conversations, resources.clock(), config.conversation().idleTimeout()), resources.clock());
    AlertsApi alertsApi = new AlertsApi(new AlertRepository(redis, keys, keyring), resources.clock());
    SurveyCatalog surveys = SurveyCatalog.builtIn();
    CampaignStore campaignStore = new CampaignStore(redis, keys, keyring);
    CampaignsApi campaigns = new CampaignsApi(campaignStore, surveys, resources.clock());
    CampaignResultsApi campaignResults = new CampaignResultsApi(campaignStore, new FeedbackStore(redis, keys, keyring),
        surveys, new Aggregator(Aggregator.DEFAULT_K, new Redactor(), Safeguarding.defaults()), resources.clock());
    SimulatorRoutes simulatorRoutes = simulator
        ? new SimulatorRoutes(inbound, inbox, DemoSurvivors.PERSONAS)
        : null;

    Consumer<Router> routes = router -> {
      router.post("/webhooks/twilio/messages").handler(twilioWebhook::handleMessage);
      router.post("/webhooks/twilio/status").handler(twilioStatus::handleStatus);
      if (telegram.enabled() && !telegram.polling()) {
        router.post("/webhooks/telegram").handler(telegramWebhook::handleUpdate);
      }
      router.route("/api/v1/*").handler(auth::authenticate);
      staffApi.mount(router);
      casework.mount(router);
      alertsApi.mount(router);
      campaigns.mount(router);
      campaignResults.mount(router);
      if (simulatorRoutes != null) {
        simulatorRoutes.mount(router);
      }
    };

    AtomicReference<HttpVerticle> first = new AtomicReference<>();
    Future<Void> seeded = simulator
        ? new DemoSurvivors(survivors, pins, vertx, resources.clock()).seed()
        : Future.succeededFuture();
    return seeded
        .compose(v -> vertx.deployVerticle(dispatcher))
        .compose(id -> vertx.deployVerticle(expiryJob))
        .compose(id -> pollTelegram(vertx, config, telegramApi, telegramWebhook))
        .compose(id -> vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(config.http().port(), config.http().maxBodyBytes(), redis,
              resources.registry(), routes);
          first.compareAndSet(null, verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.http().port() == 0 ? 1 : config.http().instances())))
        .map(id -> {
          long timer = vertx.setPeriodic(5000, t -> dispatcher.depth().onSuccess(metrics::outboxDepth));
          LOG.info("voz started port={} env={} partitions={} simulator={}", first.get().actualPort(), config.env(),
              keys.partitions(), simulator);
          return new Voz(vertx, config, first.get().actualPort(), timer, expiryJob);
        });
  }

  /** Long polling instead of the webhook, when telegram.mode is polling: in dev, or when allowed in production. */
  private static Future<String> pollTelegram(Vertx vertx, Config config, TelegramApi api, TelegramWebhook webhook) {
    Config.Telegram telegram = config.telegram();
    if (!telegram.enabled() || !telegram.polling() || !api.configured()) {
      return Future.succeededFuture("");
    }
    if (config.production() && !telegram.pollingInProduction()) {
      return Future.failedFuture(new Config.ConfigException(
          "telegram.mode polling is for development; set telegram.pollingInProduction to run it in production"));
    }
    return vertx.deployVerticle(new TelegramPoller(api, webhook, TelegramPoller.POLL_TIMEOUT));
  }

  public int port() {
    return port;
  }


  public ExpiryJob expiryJob() {
    return expiryJob;
  }



  public Config config() {
    return config;
  }

  public void stopTimers() {
    vertx.cancelTimer(depthTimer);
  }

}
