package org.voz.app.fakechannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.app.Config;
import org.voz.app.Voz;
import org.voz.crypto.Keyring;
import org.voz.store.Redis;
import org.voz.testing.TestRedis;

@ExtendWith(VertxExtension.class)
@DisplayName("A new channel is one folder and one wiring line: its webhook, the engine, the commit, the outbox, its sender")
class NewChannelTest {

  private Voz voz;

  @AfterEach
  void stop() {
    if (voz != null) {
      voz.stopTimers();
    }
  }

  @Test
  @DisplayName("a message on the fake channel from an unknown address is answered on the fake channel")
  void fakeChannelEndToEnd(Vertx vertx) throws Exception {
    Config config = Config.load(Map.of(), Map.of("http.port", "0", "redis.prefix",
        "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), "security.pinHashIterations", "1000",
        "outbox.sweepInterval", "PT0.1S"));
    Redis redis = await(Redis.connect(vertx, TestRedis.url()));
    AtomicReference<FakeChannel> fake = new AtomicReference<>();
    Voz.Resources resources = new Voz.Resources(redis, Keyring.newKey(), "test-admin-token-0123456789abcdef",
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC())
        .withChannel(ctx -> fake.updateAndGet(none -> new FakeChannel(ctx))); // the one wiring line
    voz = await(Voz.start(vertx, config, resources));

    int status = await(WebClient.create(vertx).post(voz.port(), "localhost", "/webhooks/fake?from=fake-42&id=1")
        .sendBuffer(Buffer.buffer("hello"))).statusCode();

    assertThat(status).isEqualTo(204);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !fake.get().sentTo("fake-42").isEmpty());
    // the default language (es)
    assertThat(fake.get().sentTo("fake-42")).containsExactly("Lo siento, este número no responde mensajes.");
  }

}
