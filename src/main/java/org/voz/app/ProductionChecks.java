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
    } else if (config.security().adminToken().length() < 24) {
      problems.add("VOZ_ADMIN_TOKEN must be at least 24 characters");
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

  private static void requireSet(List<String> problems, String value, String variable) {
    if (value == null || value.isBlank()) {
      problems.add(variable + " is required in production");
    }
  }
}
