package org.voz.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every answer carries, whatever answers it (a route, the failure handler, the server refusing a request
 * line): not framed, not sniffed, not cached (answers carry personal data: the API's, the document page's, the
 * console's), no referrer, a CSP that allows nothing, and HSTS in production (TLS ends at the proxy; the browser still
 * learns it from us). A page that needs more sets its own CSP over it, always with {@link #FRAME_ANCESTORS}.
 */
public final class SecurityHeaders {

  /** What every CSP of ours says: no page of Voz is ever framed. */
  public static final String FRAME_ANCESTORS = "frame-ancestors 'none'";
  /** The CSP of an answer that is no page of its own (JSON, text, a refusal). */
  public static final String CSP = "default-src 'none'; " + FRAME_ANCESTORS + "; base-uri 'none'";
  static final String HSTS = "max-age=31536000";

  private SecurityHeaders() {}

  /** The headers, in order. */
  public static Map<String, String> of(boolean production) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Cache-Control", "no-store");
    headers.put("Content-Security-Policy", CSP);
    if (production) {
      headers.put("Strict-Transport-Security", HSTS);
    }
    return java.util.Collections.unmodifiableMap(headers);
  }
}
