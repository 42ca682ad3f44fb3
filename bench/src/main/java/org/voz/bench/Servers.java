package org.voz.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicLong;

/** The two servers of the bench: the Twilio/Telegram/alert stub (in the load tool) and the bare baseline handler. */
final class Servers {

  private Servers() {}

  /** Counters of the stub. */
  static final AtomicLong STUB_MESSAGES = new AtomicLong();
  static final AtomicLong STUB_ALERTS = new AtomicLong();
  static final AtomicLong STUB_OTHER = new AtomicLong();
  /** The SMS addresses of the survivors seeded for the fan-out phase start with this. */
  static final String SEEDED_PREFIX = "+1777";
  /** Messages to seeded survivors (the campaign's invitations) by the epoch second they reached the stub. */
  static final java.util.concurrent.ConcurrentHashMap<Long, AtomicLong> SEEDED_PER_SECOND = new java.util.concurrent.ConcurrentHashMap<>();

  /** Replies that reached the stub, both channels: Twilio messages and Telegram sendMessage calls. */
  static long replies() {
    return STUB_MESSAGES.get() + Telegram.SENT.get();
  }

  /**
   * A stand-in for {@code POST /2010-04-01/Accounts/<sid>/Messages.json}: notes the arrival time, answers
   * 201 with a queued message at once, then hands {@code To} and {@code Body} to the driver. The Telegram Bot
   * API: see {@link Telegram#stub}. Alerts: 200.
   */
  static Future<String> startStub(Vertx vertx, int port, Driver driver) {
    return vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer().requestHandler(req -> stub(req, driver)).listen(port, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(2));
  }

  private static void stub(HttpServerRequest req, Driver driver) {
    String path = req.path();
    if (path.endsWith("/Messages.json")) {
      req.setExpectMultipart(true);
      req.endHandler(v -> {
        long arrival = System.nanoTime();
        String to = req.getFormAttribute("To");
        String body = req.getFormAttribute("Body");
        long n = STUB_MESSAGES.incrementAndGet();
        req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end("{\"sid\":\"SM" + String.format("%032x", n) + "\",\"status\":\"queued\"}");
        if (to != null && to.startsWith(SEEDED_PREFIX)) {
          SEEDED_PER_SECOND.computeIfAbsent(System.currentTimeMillis() / 1000, k -> new AtomicLong()).incrementAndGet();
        } else {
          driver.context().runOnContext(x -> driver.onReply(to, body, arrival));
        }
      });
    } else if (Telegram.isBotApi(path)) {
      Telegram.stub(req, driver);
    } else if (path.startsWith("/alerts")) {
      req.endHandler(v -> {
        STUB_ALERTS.incrementAndGet();
        req.response().setStatusCode(200).end();
      });
    } else {
      req.endHandler(v -> {
        STUB_OTHER.incrementAndGet();
        req.response().setStatusCode(404).end();
      });
    }
  }

  private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

  /**
   * The baseline: a bare Vert.x server (two instances, as Voz runs two HTTP verticles) that parses the same
   * form-encoded webhook and answers 200 with the same empty TwiML, with no Redis and no signature check.
   * Runs in its own JVM ({@code Bench baseline-server <port>}), as the service does.
   */
  static void baselineMain(int port) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions());
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer().requestHandler(req -> {
          req.setExpectMultipart(true);
          req.endHandler(v -> {
            String sid = req.getFormAttribute("MessageSid");
            String from = req.getFormAttribute("From");
            if (sid == null || from == null) {
              req.response().setStatusCode(400).end();
              return;
            }
            req.response().putHeader("Content-Type", "text/xml").end(EMPTY_TWIML);
          });
        }).listen(port, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(2)).toCompletionStage().toCompletableFuture().get();
    System.out.println("baseline listening on " + port);
    Thread.currentThread().join();
  }
}
