package org.voz.channel;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.dispatch.DeliveryException;

/**
 * POSTs case-manager alerts to VOZ_ALERT_WEBHOOK_URL, signed with {@code X-Voz-Signature: sha256=<hex>}.
 * Every failure is worth retrying: an alert is delivered at least once, until answered 2xx.
 */
public final class AlertSender {

  private static final Logger LOG = LoggerFactory.getLogger(AlertSender.class);

  /** A webhook that accepts the connection and never answers must not hold a pooled connection for ever. */
  private static final long TIMEOUT_MS = 10_000;

  private final WebClient client;
  private final String url;
  private final String secret;

  public AlertSender(WebClient client, String url, String secret) {
    this.client = client;
    this.url = url == null ? "" : url;
    this.secret = secret == null ? "" : secret;
  }

  public Future<Void> send(String alertId, String json) {
    if (url.isBlank()) {
      return Future.failedFuture(DeliveryException.transientFailure("no alert webhook configured"));
    }
    Buffer body = Buffer.buffer(json, "UTF-8");
    var request = client.postAbs(url).timeout(TIMEOUT_MS).putHeader("Content-Type", "application/json");
    if (!secret.isEmpty()) {
      request.putHeader("X-Voz-Signature", "sha256=" + sign(secret, body.getBytes()));
    }
    return request
        .sendBuffer(body)
        .recover(failure -> Future.failedFuture(DeliveryException.transientFailure("alert webhook unreachable")))
        .compose(this::expectSuccess)
        .onSuccess(v -> LOG.info("alert delivered id={}", alertId));
  }

  private Future<Void> expectSuccess(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(DeliveryException.transientFailure("alert webhook answered " + status));
  }

  /** Hex HMAC-SHA256 of {@code body} under {@code secret}, as in X-Voz-Signature. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
