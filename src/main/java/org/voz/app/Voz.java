package org.voz.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.ChannelContext;
import org.voz.channel.ChannelModule;
import org.voz.conversation.Conversations;
import org.voz.service.ConversationNudge;
import org.voz.service.campaigns.CampaignFanout;
import org.voz.service.jobs.ComingOfAgeJob;
import org.voz.service.jobs.ExpiryJob;
import org.voz.service.jobs.RequestDueJob;
import org.voz.store.CampaignProgress;
import org.voz.store.CampaignStore;
import org.voz.store.FeedbackCohort;
import org.voz.store.Redis;
import org.voz.web.HttpVerticle;

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
  private final ComingOfAgeJob comingOfAgeJob;
  private final CampaignFanout fanout;
  private String consoleHint;

  private Voz(Vertx vertx, Config config, int port, long depthTimer, ExpiryJob expiryJob, RequestDueJob requestDueJob,
      ComingOfAgeJob comingOfAgeJob, CampaignFanout fanout) {
    this.expiryJob = expiryJob;
    this.comingOfAgeJob = comingOfAgeJob;
    this.requestDueJob = requestDueJob;
    this.fanout = fanout;
    this.vertx = vertx;
    this.config = config;
    this.port = port;
    this.depthTimer = depthTimer;
  }

  /**
   * Everything the service needs from outside: resolved by {@link Main} (or a test) before the start.
   *
   * @param moreChannels channel modules beyond those {@link Channels} lists (a test's own channel)
   */
  public record Resources(Redis redis, byte[] dataKey, String adminToken, PrometheusMeterRegistry registry, Clock clock,
      List<Function<ChannelContext, ChannelModule>> moreChannels, List<byte[]> previousKeys) {

    public Resources {
      previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    }

    public Resources(Redis redis, byte[] dataKey, String adminToken, PrometheusMeterRegistry registry, Clock clock,
        List<Function<ChannelContext, ChannelModule>> moreChannels) {
      this(redis, dataKey, adminToken, registry, clock, moreChannels, List.of());
    }

    public Resources(Redis redis, byte[] dataKey, String adminToken, PrometheusMeterRegistry registry, Clock clock) {
      this(redis, dataKey, adminToken, registry, clock, List.of(), List.of());
    }

    /** These resources with the previous data keys still readable (a rotation under way). */
    public Resources withPreviousKeys(List<byte[]> previous) {
      return new Resources(redis, dataKey, adminToken, registry, clock, moreChannels, previous);
    }

    /** These resources with one more channel module, built like the others. */
    public Resources withChannel(Function<ChannelContext, ChannelModule> channel) {
      List<Function<ChannelContext, ChannelModule>> more = new java.util.ArrayList<>(moreChannels);
      more.add(channel);
      return new Resources(redis, dataKey, adminToken, registry, clock, List.copyOf(more), previousKeys);
    }
  }

  public static Future<Voz> start(Vertx vertx, Config config, Resources resources) {
    org.voz.store.KeyCanary canary = new org.voz.store.KeyCanary(resources.redis(),
        new org.voz.store.Keys(config.redis().prefix(), config.redis().partitions()));
    return vertx.executeBlocking(() -> Conversations.load(Path.of(config.conversation().dir())), false)
        .compose(conversations -> canary.bootstrap(new org.voz.crypto.Keyring(resources.dataKey(), resources.previousKeys()))
            .compose(keys -> start(vertx, config, resources, conversations, canary, keys)));
  }

  private static Future<Voz> start(Vertx vertx, Config config, Resources resources, Conversations conversations,
      org.voz.store.KeyCanary canary, org.voz.store.KeyCanary.Bootstrap keys) {
    Services s = Services.build(vertx, config, resources, conversations, keys.keyring());
    if (!keys.ok()) {
      LOG.error("the configured data keys do not open the data reason={}: not ready, no message taken", keys.problem());
    }
    org.voz.service.KeyHealth keyHealth = new org.voz.service.KeyHealth(keys.problem(), () -> canary.check(s.keyring()));
    s.inbound().keyHealth(keyHealth);
    StaffRoutes staff = new StaffRoutes(s, resources.adminToken());
    FileRoutes files = new FileRoutes(s);
    Consumer<Router> routes = router -> {
      s.channels().forEach(channel -> channel.mount(router));
      staff.mount(router);
      files.mount(router);
    };
    ExpiryJob expiryJob = new ExpiryJob(s.expiries(), s.updates(), s.clock(), config.consent().expiryInterval());
    RequestDueJob requestDueJob = new RequestDueJob(new org.voz.store.RequestIndex(s.redis(), s.keys()), s.updates(),
        s.clock(), config.requests().dueCheckInterval());
    // minors turning 18: checked as often as consents expire (both change on a date)
    ComingOfAgeJob comingOfAgeJob = new ComingOfAgeJob(new org.voz.store.AdultIndex(s.redis(), s.keys()), s.updates(),
        s.clock(), config.consent().expiryInterval(), new org.voz.store.SurvivorIds(s.redis(), s.keys()), s.survivors());
    org.voz.service.jobs.RetentionJob retentionJob = new org.voz.service.jobs.RetentionJob(
        new org.voz.store.SurvivorIds(s.redis(), s.keys()), s.stores(),
        s.updates(), s.erasure(), config.retention().rule(), config.retention().warnBefore(), s.clock(),
        config.retention().checkInterval());
    CampaignFanout fanout = new CampaignFanout(new CampaignStore(s.redis(), s.keys(), s.keyring()),
        new CampaignProgress(s.redis(), s.keys(), s.keyring()), new FeedbackCohort(s.redis(), s.keys()), s.updates(),
        new ConversationNudge(s.conversations(), s.clock(), config.conversation().idleTimeout()), s.clock(),
        config.feedback().invitations());

    AtomicReference<HttpVerticle> first = new AtomicReference<>();
    List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger openConnections = new AtomicInteger();
    // staff tokens of the first layout (a plain SHA-256 → staff id) move to the keyed index before any request
    Future<Void> migrated = keys.ok()
        ? s.staff().migrateLegacyTokens().onSuccess(n -> {
            if (n > 0) {
              LOG.info("staff tokens moved to the keyed index count={}", n);
            }
          }).mapEmpty()
        : Future.succeededFuture();
    // erasures cut short by a stop are finished before anything else
    Future<Void> erasuresFinished = !keys.ok() ? migrated : migrated.compose(v -> new org.voz.store.SurvivorEraser(
        s.redis(), s.keys(), s.keyring()).resume().onSuccess(n -> {
          if (n > 0) {
            LOG.info("erasures finished count={}", n);
          }
        }).mapEmpty());
    Future<Void> seeded = erasuresFinished.compose(v -> s.simulator() && keys.ok()
        ? new DemoSurvivors(s.survivors(), s.updates(), s.pins(), vertx, s.clock(),
            new org.voz.store.RequestIndex(s.redis(), s.keys()), config.simulator().demoData()).seed()
        : Future.succeededFuture());
    // under keys that do not open the data, nothing is delivered nor run: an entry this instance cannot open would
    // be dead-lettered, a job would fail on every record; the HTTP edge still starts, to say so (readiness)
    Future<?> started = !keys.ok() ? seeded : seeded
        .compose(v -> vertx.deployVerticle(s.dispatcher()).onSuccess(deployments::add))
        .compose(id -> vertx.deployVerticle(expiryJob).onSuccess(deployments::add))
        .compose(id -> vertx.deployVerticle(requestDueJob).onSuccess(deployments::add))
        .compose(id -> vertx.deployVerticle(comingOfAgeJob).onSuccess(deployments::add))
        .compose(id -> vertx.deployVerticle(retentionJob).onSuccess(deployments::add))
        .compose(id -> vertx.deployVerticle(fanout).onSuccess(deployments::add));
    for (var channel : keys.ok() ? s.channels() : List.<ChannelModule>of()) {
      for (var job : channel.jobs()) {
        started = started.compose(id -> vertx.deployVerticle(job).onSuccess(deployments::add));
      }
    }
    AtomicReference<String> hint = new AtomicReference<>();
    if (!config.production() && keys.ok()) {
      started = started.compose(id -> new DemoConsole(vertx, s.staff(),
              new org.voz.store.StaffCredentials(s.redis(), s.keys(), s.keyring()),
              new org.voz.crypto.PasswordHasher(config.console().passwordIterations()), config.http().publicUrl()).prepare())
          .onSuccess(hint::set);
    }
    return started
        // every alert opened or acknowledged anywhere reaches this instance's open consoles
        .compose(id -> org.voz.store.AlertFeed.start(vertx, s.redis(), s.keys(), staff.live()::heard))
        .compose(feed -> staff.load()) // the OpenAPI contract the staff API is routed and validated by
        .compose(id -> vertx.deployVerticle(() -> {
          HttpVerticle verticle = new HttpVerticle(config.http(), config.metrics(), config.production(), openConnections,
              s.redis(), resources.registry(), routes, keyHealth);
          first.compareAndSet(null, verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.http().port() == 0 ? 1 : config.http().instances()))
            .onSuccess(deployments::add))
        .map(id -> {
          long timer = vertx.setPeriodic(5000, t -> s.dispatcher().depth().onSuccess(s.metrics()::outboxDepth));
          LOG.info("voz started port={} env={} partitions={} simulator={}", first.get().actualPort(), config.env(),
              s.keys().partitions(), s.simulator());
          Voz voz = new Voz(vertx, config, first.get().actualPort(), timer, expiryJob, requestDueJob, comingOfAgeJob,
              fanout);
          voz.retentionJob = retentionJob;
          voz.deployments.addAll(deployments);
          voz.consoleHint = hint.get();
          return voz;
        });
  }

  /** In development, how to sign in to the staff console as each demo account (to print at start); null in production. */
  public String consoleHint() {
    return consoleHint;
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

  /** The job that notes minors turning 18 (tests run a pass at once). */
  public ComingOfAgeJob comingOfAgeJob() {
    return comingOfAgeJob;
  }

  /** The retention job (tests run a pass at once). */
  public org.voz.service.jobs.RetentionJob retentionJob() {
    return retentionJob;
  }

  private org.voz.service.jobs.RetentionJob retentionJob;

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

  /** Stops this instance (its HTTP server, outbox dispatcher and jobs), leaving others on the same Vert.x running. */
  public Future<Void> stop() {
    stopTimers();
    Future<Void> all = Future.succeededFuture();
    for (String id : deployments) {
      all = all.compose(v -> vertx.undeploy(id).recover(e -> Future.succeededFuture()));
    }
    return all;
  }

  private final List<String> deployments = new java.util.ArrayList<>();

}
