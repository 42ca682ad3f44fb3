package org.voz.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code metrics:} section: who may read {@code GET /metrics} (Prometheus text). What it tells (message counts per
 * channel, alert latency, outbox depth, every HTTP route's traffic) is for the operators' scraper only.
 *
 * @param token a bearer token the scraper sends ({@code Authorization: Bearer <token>}); empty: none asked
 * @param port  a port of its own for {@code /metrics} (then the service's port does not serve it); 0: the service's
 */
public record MetricsOptions(String token, int port) {

  public MetricsOptions {
    token = token == null ? "" : token.trim();
  }

  public static final MetricsOptions OPEN = new MetricsOptions("", 0);

  /** Whether {@code /metrics} has a port of its own. */
  public boolean ownPort() {
    return port > 0;
  }

  /** What is wrong with these settings, next to the service's own {@code httpPort}. */
  public List<String> problems(int httpPort) {
    List<String> problems = new ArrayList<>();
    if (port < 0 || port > 65535) {
      problems.add("metrics.port must be 0..65535 (0: /metrics on the service's own port)");
    } else if (port > 0 && port == httpPort) {
      problems.add("metrics.port must differ from http.port (VOZ_HTTP_PORT): it is a port of /metrics's own");
    }
    return problems;
  }
}
