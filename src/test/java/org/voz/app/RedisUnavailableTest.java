package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.store.EmbeddedRedis;

/**
 * A Redis that cannot take commands for a few seconds: restarted and reading its data back (it answers
 * {@code LOADING}), as after a crash or a failover. Twilio does not retry a 5xx, so a webhook answered 503 then
 * loses the survivor's message (the fault table measured 32 of them per Redis restart).
 */
@VozTest
@DisplayName("Redis loading its data: an inbound message waits for it (200 and a reply), never a 503")
class RedisUnavailableTest {

  @Test
  @DisplayName("a survivor's message that comes while Redis loads its data is answered 200 and replied to")
  void loadingRedisIsWaitedFor(VozRoom room, WireMockServer stub) throws Exception {
    Path dir = Files.createTempDirectory("voz-loading-redis");
    EmbeddedRedis redis = room.closeLast(EmbeddedRedis.start(dir));
    VozHarness voz = room.start(Map.of("redis.url", redis.url()));
    String phone = "+50255550191";
    await(voz.enrol(phone, "es", "4821"));

    RedisClient client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> admin = client.connect();
        StatefulRedisConnection<String, String> reloading = client.connect();
        StatefulRedisConnection<String, String> probe = client.connect()) {
      // a slow load: 5 MB in 250 keys, 20 ms for each key read back, and Redis answering other clients (LOADING)
      // after each 2 MB read (its loading-process-events interval)
      admin.sync().configSet("rdbcompression", "no");
      admin.sync().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
          new CommandArgs<>(StringCodec.UTF8).add("POPULATE").add(250).add("filler").add(20_000));
      admin.sync().configSet("key-load-delay", "20000");
      CompletableFuture<String> reload = reloading.async().debugReload().toCompletableFuture();
      waitFor(() -> loading(probe), Duration.ofSeconds(10));

      int status = await(voz.sms(phone, "Hola", VozHarness.newSid())).statusCode();

      assertThat(status).as("the webhook's answer while Redis loaded its data").isEqualTo(200);
      reload.get(60, TimeUnit.SECONDS);
      admin.sync().configSet("key-load-delay", "0");
      waitFor(() -> !Stubs.bodiesTo(stub, phone).isEmpty(), Duration.ofSeconds(20));
    } finally {
      client.shutdown();
    }
  }

  private static boolean loading(StatefulRedisConnection<String, String> probe) {
    try {
      probe.sync().get("voz-probe");
      return false;
    } catch (RedisLoadingException e) {
      return true;
    }
  }
}
