package org.voz.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code http:} section (every key documented in {@code config/application.yaml}).
 *
 * @param maxBodyBytes   the largest body (and form field) accepted; at least {@link #MIN_BODY_BYTES}
 * @param idleTimeout    a connection with nothing read or written for this long is closed
 * @param headerTimeout  a request whose line and headers have not all arrived this long after its connection
 *                       opened (or its previous request was answered) is closed: a slow sender holds no slot
 * @param maxConnections open connections per HTTP verticle instance; one more is closed at once
 */
public record HttpOptions(int port, String publicUrl, int maxBodyBytes, int instances, Duration idleTimeout,
    Duration headerTimeout, int maxConnections) {

  /** Room for Twilio's largest inbound message in any script, with its other fields. */
  public static final int MIN_BODY_BYTES = 32 * 1024;

  public HttpOptions {
    idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
    headerTimeout = headerTimeout == null ? Duration.ofSeconds(10) : headerTimeout;
    maxConnections = maxConnections == 0 ? 4096 : maxConnections;
  }

  /** What is wrong with these settings. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (port < 0 || port > 65535) {
      problems.add("http.port (VOZ_HTTP_PORT) must be 0..65535");
    }
    if (maxBodyBytes < MIN_BODY_BYTES) {
      problems.add("http.maxBodyBytes must be at least " + MIN_BODY_BYTES
          + ": a signed Twilio message of 1,600 characters in a non-Latin script is up to 19,200 bytes encoded");
    }
    if (idleTimeout.toSeconds() < 1) {
      problems.add("http.idleTimeout must be at least one second");
    }
    if (headerTimeout.toMillis() < 100) {
      problems.add("http.headerTimeout must be at least 100 ms");
    }
    if (maxConnections < 1) {
      problems.add("http.maxConnections must be positive");
    }
    return problems;
  }
}
