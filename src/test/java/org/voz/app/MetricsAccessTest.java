package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@DisplayName("/metrics: behind VOZ_METRICS_TOKEN, or on a port of its own")
class MetricsAccessTest {

  static final String TOKEN = "metrics-token-0123456789abcdefghijklmn";

  @Test
  @VozConfig("metrics.token=" + TOKEN)
  @DisplayName("with a token: 401 without it or with a wrong one (and the API's token is not it), 200 with it")
  void token(VozHarness voz) throws Exception {
    HttpResponse<Buffer> none = await(voz.client.get("/metrics").send());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
    assertThat(await(voz.client.get("/metrics").bearerTokenAuthentication(TOKEN + "x").send()).statusCode()).isEqualTo(401);
    assertThat(await(voz.client.get("/metrics").bearerTokenAuthentication(VozHarness.ADMIN).send()).statusCode())
        .isEqualTo(401);
    HttpResponse<Buffer> scraped = await(voz.client.get("/metrics").bearerTokenAuthentication(TOKEN).send());
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.bodyAsString()).contains("voz_outbox_depth");
  }

  @Test
  @VozConfig("metrics.port=" + VozConfig.FREE_PORT)
  @DisplayName("with a port of its own: /metrics answers there, and is not found on the service's port")
  void ownPort(VozHarness voz) throws Exception {
    assertThat(await(voz.client.get("/metrics").send()).statusCode()).isEqualTo(404);
    int port = voz.voz.config().metrics().port();
    WebClient scraper = WebClient.create(voz.vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
    HttpResponse<Buffer> scraped = await(scraper.get("/metrics").send());
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.bodyAsString()).contains("voz_outbox_depth");
    assertThat(await(scraper.get("/api/v1/alerts").send()).statusCode()).as("nothing else there").isEqualTo(404);
    scraper.close();
  }
}
