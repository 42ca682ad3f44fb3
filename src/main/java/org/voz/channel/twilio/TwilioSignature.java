package org.voz.channel.twilio;

import com.twilio.security.RequestValidator;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.app.ApiError;

/**
 * Twilio's webhook signature check, shared by every Twilio webhook: {@code X-Twilio-Signature} over the
 * public URL (Twilio signs the URL it called, which behind a proxy is not ours) and the form parameters,
 * compared in constant time by the SDK. Without an auth token nothing can be verified, so all are refused.
 */
final class TwilioSignature {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioSignature.class);

  private final RequestValidator validator;
  private final String publicUrl;

  TwilioSignature(String authToken, String publicUrl) {
    this.validator = authToken == null || authToken.isBlank() ? null : new RequestValidator(authToken);
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /**
   * The request's form parameters if its signature is valid; otherwise answers 403 (JSON) and returns
   * {@code null}, so a handler only goes on with a verified request.
   */
  Map<String, String> verifiedParams(RoutingContext ctx, String webhook) {
    Map<String, String> params = formParams(ctx.request().formAttributes());
    if (valid(ctx, params)) {
      return params;
    }
    LOG.warn("twilio {} refused: bad signature", webhook);
    ApiError.send(ctx, 403, "forbidden", "invalid X-Twilio-Signature", null);
    return null;
  }

  private boolean valid(RoutingContext ctx, Map<String, String> params) {
    String signature = ctx.request().getHeader("X-Twilio-Signature");
    if (validator == null || signature == null || signature.isBlank()) {
      return false;
    }
    return validator.validate(publicUrl + ctx.request().uri(), params, signature);
  }

  /** The form parameters, the first value of each name (as Twilio's validator expects). */
  private static Map<String, String> formParams(MultiMap form) {
    Map<String, String> params = new HashMap<>();
    form.forEach(entry -> params.putIfAbsent(entry.getKey(), entry.getValue()));
    return params;
  }
}
