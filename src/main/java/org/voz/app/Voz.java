package org.voz.app;

import org.voz.service.ConversationNudge;
import org.voz.service.campaigns.CampaignFanout;
import org.voz.service.jobs.ExpiryJob;
import org.voz.service.jobs.RequestDueJob;
import org.voz.channel.telegram.ShownSweep;
import org.voz.web.HttpVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.telegram.TelegramApi;
import org.voz.channel.telegram.TelegramPoller;
import org.voz.channel.telegram.TelegramWebhook;
import org.voz.conversation.Conversations;
import org.voz.store.CampaignProgress;
import org.voz.store.CampaignStore;
import org.voz.store.FeedbackCohort;
import org.voz.store.Redis;

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
  private final RequestDueJob requestDueJob;
  private final CampaignFanout fanout;

  private Voz(Vertx vertx, Config config, int port, long depthTimer, ExpiryJob expiryJob, RequestDueJob requestDueJob,
      CampaignFanout fanout) {
    this.expiryJob = expiryJob;
    this.requestDueJob = requestDueJob;
    this.fanout = fanout;
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
    Services s = Services.build(vertx, config, resources, conversations);
    WebhookRoutes webhooks = new WebhookRoutes(s);
    StaffRoutes staff = new StaffRoutes(s, resources.adminToken());
    FileRoutes files = new FileRoutes(s);
    Consumer<Router> routes = router -> {
      webhooks.mount(router);
      staff.mount(router);
      files.mount(router);
    };
    ExpiryJob expiryJob = new ExpiryJob(s.expiries(), s.updates(), s.clock(), config.consent().expiryInterval());
    RequestDueJob requestDueJob = new RequestDueJob(new org.voz.store.RequestIndex(s.redis(), s.keys()), s.updates(),
        s.clock(), config.requests().dueCheckInterval());
    CampaignFanout fanout = new CampaignFanout(new CampaignStore(s.redis(), s.keys(), s.keyring()),
        new CampaignProgress(s.redis(), s.keys(), s.keyring()), new FeedbackCohort(s.redis(), s.keys()), s.updates(),
        new ConversationNudge(s.conversations(), s.clock(), config.conversation().idleTimeout()), s.clock(),
        config.feedback().invitations(), config.contact().timezone());

    AtomicReference<HttpVerticle> first = new AtomicReference<>();
    Future<Void> seeded = s.outbound().simulator() != null
        ? new DemoSurvivors(s.survivors(), s.updates(), s.pins(), vertx, s.clock()).seed()
        : Future.succeededFuture();
    return seeded
        .compose(v -> vertx.deployVerticle(s.dispatcher()))
        .compose(id -> vertx.deployVerticle(expiryJob))
        .compose(id -> vertx.deployVerticle(requestDueJob))
        .compose(id -> s.outbound().sensitive() == null ? Future.succeededFuture("")
            : vertx.deployVerticle(new ShownSweep(s.outbound().shown(), s.outbound().sensitive(), s.clock(),
                config.conversation().idleTimeout(), config.telegram().forgetSweepInterval())))
        .compose(id -> vertx.deployVerticle(fanout))
        .compose(id -> pollTelegram(vertx, config, s.outbound().telegramApi(), webhooks.telegram()))
        .compose(id -> staff.load()) // the OpenAPI contract the staff API is routed and validated by
        .compose(id -> vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(config.http().port(), config.http().maxBodyBytes(), s.redis(),
              resources.registry(), routes);
          first.compareAndSet(null, verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.http().port() == 0 ? 1 : config.http().instances())))
        .map(id -> {
          long timer = vertx.setPeriodic(5000, t -> s.dispatcher().depth().onSuccess(s.metrics()::outboxDepth));
          LOG.info("voz started port={} env={} partitions={} simulator={}", first.get().actualPort(), config.env(),
              s.keys().partitions(), s.outbound().simulator() != null);
          return new Voz(vertx, config, first.get().actualPort(), timer, expiryJob, requestDueJob, fanout);
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

  public RequestDueJob requestDueJob() {
    return requestDueJob;
  }

  /** The campaign invitations job (tests run a pass at once). */
  public CampaignFanout campaignFanout() {
    return fanout;
  }

  public Config config() {
    return config;
  }

  public void stopTimers() {
    vertx.cancelTimer(depthTimer);
  }

}
