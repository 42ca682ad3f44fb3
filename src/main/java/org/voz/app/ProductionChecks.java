package org.voz.app;

import java.util.ArrayList;
import java.util.List;

/** What {@code VOZ_ENV=production} refuses to start with. Pure, so every rule has a unit test. */
public final class ProductionChecks {

  private ProductionChecks() {}

  /** The problems that keep {@code config} from starting in production; empty when it may start. */
  public static List<String> problems(Config config) {
    List<String> problems = new ArrayList<>();
    if (!config.production()) {
      return problems;
    }
    if (config.security().dataKey().isBlank()) {
      problems.add("VOZ_DATA_KEY is required: a generated data key is for development only");
    }
    if (config.redis().url().isBlank()) {
      problems.add("REDIS_URL is required: the embedded Redis is for development only");
    }
    if (config.security().adminToken().isBlank()) {
      problems.add("VOZ_ADMIN_TOKEN is required: a generated admin token is for development only");
    } else if (weakToken(config.security().adminToken())) {
      problems.add("VOZ_ADMIN_TOKEN is too weak: at least " + MIN_TOKEN_LENGTH + " characters drawn at random "
          + "(openssl rand -base64 32), not a word or a repeated pattern");
    }
    if (!config.redis().url().isBlank()) {
      redisPassword(problems, config.redis().url());
    }
    if (config.security().pinHashIterations() < org.voz.crypto.PasswordHasher.OWASP_ITERATIONS) {
      problems.add("security.pinHashIterations must be at least " + org.voz.crypto.PasswordHasher.OWASP_ITERATIONS
          + " in production (OWASP's figure for PBKDF2-HMAC-SHA256)");
    }
    // /metrics tells anyone who reads it how many messages each channel carries, and when: for the scraper only
    org.voz.web.MetricsOptions metrics = config.metrics();
    if (metrics.token().isEmpty() && !metrics.ownPort()) {
      problems.add("VOZ_METRICS_TOKEN (metrics.token) or metrics.port is required in production: /metrics must not be "
          + "open to anyone who reaches the service");
    } else if (!metrics.token().isEmpty() && weakToken(metrics.token())) {
      problems.add("VOZ_METRICS_TOKEN is too weak: at least " + MIN_TOKEN_LENGTH + " characters drawn at random "
          + "(openssl rand -base64 32)");
    }
    // what carries personal data or secrets never goes over plain http: links to documents and invitations
    // (the public URL), alerts, and every message sent through Twilio and Telegram
    requireHttps(problems, config.http().publicUrl(), "VOZ_PUBLIC_URL");
    requireHttps(problems, config.alerts().webhookUrl(), "VOZ_ALERT_WEBHOOK_URL");
    if (config.twilio().enabled()) {
      requireHttps(problems, config.twilio().apiBase(), "TWILIO_API_BASE");
    }
    if (config.telegram().enabled()) {
      requireHttps(problems, config.telegram().apiBase(), "TELEGRAM_API_BASE");
    }
    if (config.console().passwordIterations() < org.voz.crypto.PasswordHasher.OWASP_ITERATIONS) {
      problems.add("console.passwordIterations must be at least " + org.voz.crypto.PasswordHasher.OWASP_ITERATIONS
          + " in production (OWASP's figure for PBKDF2-HMAC-SHA256)");
    }
    problems.addAll(config.console().sso().productionProblems(config.http().publicUrl()));
    problems.addAll(config.twilio().productionProblems(config.http().publicUrl()));
    problems.addAll(config.telegram().productionProblems());
    config.recipients().forEach((code, r) -> {
      if (r.url() == null || !r.url().startsWith("https://")) {
        problems.add("recipients." + code + ".url must be an https URL in production");
      }
      requireSet(problems, r.secret(), "recipients." + code + ".secret");
    });
    requireSet(problems, config.alerts().webhookUrl(), "VOZ_ALERT_WEBHOOK_URL");
    requireSet(problems, config.alerts().webhookSecret(), "VOZ_ALERT_WEBHOOK_SECRET");
    // escalations (complaints, abuse) go only ever to the safeguarding lead: never held back, never to case managers
    FeedbackConfig.Safeguarding lead = config.feedback().safeguarding();
    if (lead.webhookUrl().isBlank()) {
      requireSet(problems, lead.webhookUrl(), "VOZ_SAFEGUARDING_WEBHOOK_URL");
    } else if (!lead.webhookUrl().startsWith("https://")) {
      problems.add("VOZ_SAFEGUARDING_WEBHOOK_URL must be an https URL in production");
    } else if (lead.webhookUrl().equals(config.alerts().webhookUrl())) {
      problems.add("VOZ_SAFEGUARDING_WEBHOOK_URL must be the safeguarding lead's, not the alert webhook of case managers");
    }
    requireSet(problems, lead.webhookSecret(), "VOZ_SAFEGUARDING_WEBHOOK_SECRET");
    // alert e-mails carry a case reference and a login link: never in clear text over the network
    if (config.mail().enabled() && !config.mail().ssl() && !config.mail().starttls().equals("required")) {
      problems.add("mail.starttls must be required (or mail.ssl true) in production when VOZ_SMTP_HOST is set");
    }
    // an entry read and delivered by one instance is renewed once it waited claimIdle/2, and a delivery may take up
    // to the delivery timeout: with less, another instance could take over an entry still on its way and send it again
    java.time.Duration leastClaimIdle = org.voz.dispatch.DispatchOptions.DEFAULT_DELIVERY_TIMEOUT.multipliedBy(2);
    if (config.outbox().claimIdle().compareTo(leastClaimIdle) < 0) {
      problems.add("outbox.claimIdle must be at least " + leastClaimIdle.toSeconds()
          + " s (twice the delivery timeout), or a reply still being sent could be sent twice");
    }
    return problems;
  }

  /** The shortest admin token production takes. */
  static final int MIN_TOKEN_LENGTH = 32;
  /** The least information a token's own letters carry (Shannon, per letter, times its length): 32 hex digits ~118. */
  static final double MIN_TOKEN_BITS = 100;

  /**
   * Whether a bearer token is too short, or made of too few letters, or of a few letters repeated, to have been drawn
   * at random: {@code aaaa…} (0 bits) or {@code abab…} (1 bit a letter) of any length are, 32 hex digits are not.
   */
  static boolean weakToken(String token) {
    if (token.length() < MIN_TOKEN_LENGTH) {
      return true;
    }
    java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
    token.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
    int n = token.codePointCount(0, token.length());
    double perLetter = 0;
    for (int count : counts.values()) {
      double p = (double) count / n;
      perLetter -= p * Math.log(p) / Math.log(2);
    }
    return perLetter * n < MIN_TOKEN_BITS;
  }

  private static void redisPassword(List<String> problems, String url) {
    try {
      if (!org.voz.store.RedisUrl.parse(url).hasPassword()) {
        problems.add("REDIS_URL must carry a password in production (redis://:<password>@host:port, or "
            + "rediss:// with one): a Redis without one opens every survivor's sealed record and the outbox to "
            + "whoever reaches it");
      }
    } catch (IllegalArgumentException e) {
      problems.add("REDIS_URL cannot be read: " + e.getMessage());
    }
  }

  private static void requireHttps(List<String> problems, String url, String variable) {
    if (url != null && !url.isBlank() && !url.regionMatches(true, 0, "https://", 0, 8)) {
      problems.add(variable + " must be an https URL in production: what goes there carries personal data or secrets");
    }
  }

  private static void requireSet(List<String> problems, String value, String variable) {
    if (value == null || value.isBlank()) {
      problems.add(variable + " is required in production");
    }
  }
}
