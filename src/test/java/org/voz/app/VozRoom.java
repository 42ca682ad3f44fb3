package org.voz.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.verification.NearMiss;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.voz.store.Redis;

/**
 * One test's room: its own WireMock (dynamic port), its own Vert.x, the service (started on first use, with the
 * test's {@link VozConfig}, {@link VozClock} and {@link VozStubs}), a twin instance when asked, and the teardown.
 * {@link VozExtension} makes one per test and closes it after the test; tests get it, or what it holds, as parameters.
 */
final class VozRoom {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final WireMockServer stub;
  private final Map<String, String> config;
  private final MutableClock clock;
  private final boolean failOnUnmatched;
  private final List<VozHarness> started = new ArrayList<>();
  private final List<Redis> connections = new ArrayList<>();
  private final List<AutoCloseable> closedLast = new ArrayList<>();
  private Vertx vertx;
  private VozHarness voz;
  private TelegramHarness telegram;

  VozRoom(Map<String, String> config, MutableClock clock, VozStubs stubs) {
    this.clock = clock;
    this.failOnUnmatched = stubs.failOnUnmatched();
    this.stub = new WireMockServer(wireMockConfig().dynamicPort());
    stub.start();
    Map<String, String> resolved = new LinkedHashMap<>();
    config.forEach((k, v) -> resolved.put(k, v.replace(VozConfig.WIREMOCK, stub.baseUrl())
        .replace(VozConfig.FREE_PORT, String.valueOf(freePort()))));
    this.config = Map.copyOf(resolved);
    if (stubs.twilio()) {
      Stubs.twilioAccepts(stub);
    }
    if (stubs.alerts()) {
      Stubs.alertsAccept(stub);
    }
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The test's WireMock: Twilio, the alert webhook, the Bot API and whatever the test stubs. */
  WireMockServer stub() {
    return stub;
  }

  /** What the service asked Twilio to send. */
  Twilio twilio() {
    return new Twilio(stub);
  }

  /** The test's Vert.x, closed after the test. */
  synchronized Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  /** The clock of {@link VozClock}. */
  MutableClock clock() {
    if (clock == null) {
      throw new IllegalStateException("no @VozClock on the test or its class: the service runs on the system clock");
    }
    return clock;
  }

  /** The service with the test's configuration, started on first use. */
  synchronized VozHarness voz() throws Exception {
    return voz != null ? voz : start(Map.of());
  }

  /** Starts the service with {@code more} configuration over the test's; once per test. */
  synchronized VozHarness start(Map<String, String> more) throws Exception {
    if (voz != null || telegram != null) {
      throw new IllegalStateException("the service of this test is already started");
    }
    voz = track(VozHarness.start(vertx(), stub.baseUrl(), clock == null ? Clock.systemUTC() : clock, with(more)));
    return voz;
  }

  /** A second instance on the same Redis keys and data key, as a second pod would be, with the same configuration. */
  VozHarness twin() throws Exception {
    return twin(Map.of());
  }

  /** As {@link #twin()}, with {@code more} configuration over the test's. */
  synchronized VozHarness twin(Map<String, String> more) throws Exception {
    return track(VozHarness.startTwin(vertx(), stub.baseUrl(), voz(), with(more)));
  }

  /** A second instance on the same Redis keys with other data keys (a rotation, or a wrong key), same configuration. */
  synchronized VozHarness twinWithKeys(byte[] current, List<byte[]> previous) throws Exception {
    return track(VozHarness.startTwin(vertx(), stub.baseUrl(), voz(), current, previous, with(Map.of())));
  }

  /** The service with the Telegram channel on (webhook secret {@link TelegramHarness#SECRET} unless configured). */
  synchronized TelegramHarness telegram() throws Exception {
    if (telegram == null) {
      if (voz != null) {
        throw new IllegalStateException("the service of this test is already started without Telegram");
      }
      telegram = org.voz.testing.Wait.await(TelegramHarness.start(vertx(), stub.baseUrl(), TelegramHarness.SECRET, config));
      connections.add(telegram.redis);
    }
    return telegram;
  }

  private Map<String, String> with(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(config);
    all.putAll(more);
    return all;
  }

  private VozHarness track(Future<VozHarness> starting) throws Exception {
    VozHarness harness = org.voz.testing.Wait.await(starting);
    started.add(harness);
    connections.add(harness.redis);
    return harness;
  }

  /** Closes {@code resource} (a test's own Redis, say) after everything else: the service no longer uses it. */
  synchronized <T extends AutoCloseable> T closeLast(T resource) {
    closedLast.add(resource);
    return resource;
  }

  /**
   * The teardown, in this order: every instance's timers stopped; every verticle undeployed (the outbox dispatcher,
   * the jobs, the HTTP server: from here on the service sends nothing, so no reply of this test can reach a later
   * test's WireMock); the Redis connections and Vert.x closed; WireMock stopped; then, the service being silent, the
   * requests no stub matched checked. Each step runs even when an earlier one failed; the first failure is thrown.
   */
  void close() throws Exception {
    List<Throwable> failures = new ArrayList<>();
    for (VozHarness harness : started) {
      run(failures, harness.voz::stopTimers);
    }
    if (telegram != null) {
      run(failures, telegram.voz::stopTimers);
    }
    if (vertx != null) {
      run(failures, () -> settle(undeployAll(vertx)));
      for (Redis redis : connections) {
        run(failures, () -> settle(redis.closeAsync()));
      }
      run(failures, () -> settle(vertx.close()));
    }
    run(failures, stub::stop);
    for (AutoCloseable resource : closedLast) {
      run(failures, resource::close);
    }
    if (failOnUnmatched) {
      run(failures, this::checkUnmatched);
    }
    if (!failures.isEmpty()) {
      Throwable first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      if (first instanceof Exception e) {
        throw e;
      }
      throw (Error) first;
    }
  }

  /** Undeploys every verticle, one after the other; a child goes with its parent, so it is skipped once gone. */
  private static Future<Void> undeployAll(Vertx vertx) {
    Future<Void> done = Future.succeededFuture();
    for (String id : List.copyOf(vertx.deploymentIDs())) {
      done = done.compose(v -> vertx.deploymentIDs().contains(id) ? vertx.undeploy(id) : Future.succeededFuture());
    }
    return done;
  }

  private void checkUnmatched() {
    List<LoggedRequest> unmatched = stub.findAllUnmatchedRequests();
    if (unmatched.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder(unmatched.size() + " request(s) to WireMock matched no stub:");
    unmatched.forEach(r -> message.append("\n  ").append(r.getMethod()).append(' ').append(r.getUrl()));
    List<NearMiss> near = stub.findNearMissesForAllUnmatchedRequests();
    near.forEach(n -> message.append("\nnear miss:\n").append(n.getDiff()));
    throw new AssertionError(message.toString());
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void run(List<Throwable> failures, Step step) {
    try {
      step.run();
    } catch (Throwable t) {
      failures.add(t);
    }
  }

  private static void settle(Future<?> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
