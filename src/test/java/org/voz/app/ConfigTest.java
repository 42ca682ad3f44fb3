package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.channel.twilio.TwilioOptions;

@DisplayName("Configuration: application.yaml, then the environment")
class ConfigTest {

  @Test
  @DisplayName("the defaults load and are safe for development")
  void defaults() {
    Config config = Config.load(Map.of());
    assertThat(config.env()).isEqualTo("dev");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.redis().url()).isEmpty();
    assertThat(config.conversation().idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.security().maxPinAttempts()).isEqualTo(5);
    assertThat(config.twilio().apiBase()).isEqualTo("https://api.twilio.com");
  }

  @Test
  @DisplayName("risk: the shipped file's policies are the code's defaults; a level's key is overridden; too short an idle timeout is refused")
  void risk() {
    assertThat(Config.load(Map.of()).risk()).isEqualTo(org.voz.safety.RiskPolicies.DEFAULTS);
    Config changed = Config.load(Map.of(), Map.of("risk.high.idleTimeout", "PT10M", "risk.medium.contactWindowRequired", "false"));
    assertThat(changed.risk().high().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(changed.risk().medium().contactWindowRequired()).isFalse();
    assertThat(changed.risk().medium().invitationsOnSafeChannelOnly()).isTrue();
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("risk.high.idleTimeout", "PT10S")))
        .isInstanceOf(Config.ConfigException.class).hasMessageContaining("idleTimeout");
  }

  @Test
  @DisplayName("every environment variable of the contract overrides its key")
  void environmentOverrides() {
    Map<String, String> env = Map.ofEntries(
        Map.entry("VOZ_ENV", "production"), Map.entry("VOZ_HTTP_PORT", "9090"),
        Map.entry("VOZ_PUBLIC_URL", "https://voz.example.org"), Map.entry("REDIS_URL", "redis://r:6379"),
        Map.entry("VOZ_DATA_KEY", "k"), Map.entry("VOZ_ADMIN_TOKEN", "a"),
        Map.entry("TWILIO_ACCOUNT_SID", "AC1"), Map.entry("TWILIO_AUTH_TOKEN", "t"), Map.entry("TWILIO_FROM", "+1"),
        Map.entry("TWILIO_API_BASE", "http://stub"), Map.entry("TELEGRAM_BOT_TOKEN", "b"),
        Map.entry("TELEGRAM_WEBHOOK_SECRET", "s"), Map.entry("TELEGRAM_API_BASE", "http://tg"),
        Map.entry("VOZ_ALERT_WEBHOOK_URL", "https://cm.example.org/hook"), Map.entry("VOZ_ALERT_WEBHOOK_SECRET", "h"),
        Map.entry("VOZ_SAFEGUARDING_WEBHOOK_URL", "https://lead.example.org/hook"),
        Map.entry("VOZ_SAFEGUARDING_WEBHOOK_SECRET", "g"), Map.entry("VOZ_SSO_CLIENT_SECRET", "o"), Map.entry("VOZ_SMTP_HOST", "smtp.example.org"),
        Map.entry("VOZ_SMTP_PORT", "2525"), Map.entry("VOZ_SMTP_USERNAME", "u"), Map.entry("VOZ_SMTP_PASSWORD", "p"),
        Map.entry("VOZ_SMTP_FROM", "voz@example.org"),
        Map.entry("VOZ_INSTANCE_ID", "voz-a"), Map.entry("VOZ_METRICS_TOKEN", "m"),
        Map.entry("VOZ_DATA_KEYS_PREVIOUS", java.util.Base64.getEncoder().encodeToString(new byte[32])));
    Config c = Config.load(env);
    assertThat(c.production()).isTrue();
    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.http().publicUrl()).isEqualTo("https://voz.example.org");
    assertThat(c.redis().url()).isEqualTo("redis://r:6379");
    assertThat(c.security().dataKey()).isEqualTo("k");
    assertThat(c.security().adminToken()).isEqualTo("a");
    assertThat(c.twilio()).isEqualTo(new TwilioOptions(true, "AC1", "t", "+1", "http://stub", 3, 1.0, false, Map.of(), "sdk"));
    assertThat(c.telegram().botToken()).isEqualTo("b");
    assertThat(c.telegram().webhookSecret()).isEqualTo("s");
    assertThat(c.telegram().apiBase()).isEqualTo("http://tg");
    assertThat(c.alerts().webhookUrl()).isEqualTo("https://cm.example.org/hook");
    assertThat(c.alerts().webhookSecret()).isEqualTo("h");
    assertThat(c.feedback().safeguarding().webhookUrl()).isEqualTo("https://lead.example.org/hook");
    assertThat(c.feedback().safeguarding().webhookSecret()).isEqualTo("g");
    assertThat(c.console().sso().clientSecret()).isEqualTo("o");
    assertThat(c.mail()).isEqualTo(new Config.Mail("smtp.example.org", 2525, "u", "p", "voz@example.org", "optional", false));
    assertThat(c.mail().enabled()).isTrue();
    assertThat(c.outbox().consumerName(9090)).isEqualTo("voz-a");
    assertThat(c.security().previousKeys()).hasSize(1);
    assertThat(Config.ENVIRONMENT).hasSize(env.size());
  }

  @Test
  @DisplayName("the outbox consumer name is stable: VOZ_INSTANCE_ID, else the host name and the HTTP port")
  void consumerName() {
    Config defaults = Config.load(Map.of());
    String name = defaults.outbox().consumerName(8080);
    assertThat(name).startsWith("voz-").endsWith("-8080").matches("[A-Za-z0-9._:-]+");
    assertThat(Config.load(Map.of()).outbox().consumerName(8080)).isEqualTo(name); // the same after a restart
    assertThat(defaults.outbox().consumerName(8081)).isNotEqualTo(name);
    assertThat(defaults.outbox().consumerName(0)).isNotEqualTo(defaults.outbox().consumerName(0));
    assertThat(Config.load(Map.of("VOZ_INSTANCE_ID", "voz-1")).outbox().consumerName(8080)).isEqualTo("voz-1");
    assertThatThrownBy(() -> Config.load(Map.of("VOZ_INSTANCE_ID", "voz 1")))
        .isInstanceOf(Config.ConfigException.class).hasMessageContaining("VOZ_INSTANCE_ID");
  }

  @Test
  @DisplayName("a bad value is refused with the key at fault")
  void badValues() {
    assertThatThrownBy(() -> Config.load(Map.of("VOZ_HTTP_PORT", "eighty"))).isInstanceOf(Config.ConfigException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> Config.load(Map.of("VOZ_ENV", "staging"))).isInstanceOf(Config.ConfigException.class)
        .hasMessageContaining("VOZ_ENV");
    assertThatThrownBy(() -> Config.load(Map.of("VOZ_CONFIG", "/no/such/file.yaml"))).isInstanceOf(Config.ConfigException.class);
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("http.maxBodyBytes", "8192")))
        .isInstanceOf(Config.ConfigException.class).hasMessageContaining("http.maxBodyBytes");
  }

  @Test
  @DisplayName("retention: none by default; months after the exit date, a programme's own figure; zero months refused")
  void retention() {
    Config defaults = Config.load(Map.of());
    assertThat(defaults.retention().rule().erasesAny()).isFalse();
    assertThat(defaults.retention().warnBefore()).isEqualTo(java.time.Duration.ofDays(30));
    Config set = Config.load(Map.of(), Map.of("retention.months", "36", "retention.programmes.shelter", "24"));
    assertThat(set.retention().rule().monthsFor("shelter")).contains(24);
    assertThat(set.retention().rule().monthsFor("legal-aid")).contains(36);
    assertThat(set.retention().rule().monthsFor(null)).contains(36);
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("retention.programmes.shelter", "0")))
        .isInstanceOf(Config.ConfigException.class).hasMessageContaining("retention.programmes.shelter");
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("retention.months", "-1")))
        .isInstanceOf(Config.ConfigException.class).hasMessageContaining("retention.months");
  }

  @Test
  @DisplayName("channel settings: segment budget, rates, templates and the Telegram mode are checked")
  void channelSettings() {
    Config defaults = Config.load(Map.of());
    assertThat(defaults.twilio().maxSegments()).isEqualTo(3);
    assertThat(defaults.twilio().messagesPerSecond()).isEqualTo(1.0);
    assertThat(defaults.twilio().deleteBodiesAfterDelivery()).isFalse();
    assertThat(defaults.twilio().whatsappTemplates()).isEmpty();
    assertThat(defaults.telegram().messagesPerSecond()).isEqualTo(30.0);
    assertThat(defaults.telegram().perChatPerSecond()).isEqualTo(1.0);
    assertThat(defaults.telegram().polling()).isFalse();
    Config set = Config.load(Map.of(), Map.of("twilio.whatsappTemplates.es", "HX" + "0".repeat(32),
        "telegram.mode", "polling", "twilio.maxSegments", "5"));
    assertThat(set.twilio().whatsappTemplates()).containsEntry("es", "HX" + "0".repeat(32));
    assertThat(set.telegram().polling()).isTrue();
    assertThat(set.twilio().maxSegments()).isEqualTo(5);
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("twilio.maxSegments", "0"))).hasMessageContaining("maxSegments");
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("twilio.messagesPerSecond", "0"))).hasMessageContaining("messagesPerSecond");
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("telegram.perChatPerSecond", "-1"))).hasMessageContaining("perChatPerSecond");
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("telegram.mode", "push"))).hasMessageContaining("telegram.mode");
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("twilio.whatsappTemplates.en", "hello"))).hasMessageContaining("whatsappTemplates.en");
  }

  @Test
  @DisplayName("SMTP: a host needs a sender; production refuses alert e-mails without TLS; the inbox heartbeat under the idle timeout")
  void mailAndInbox() {
    Map<String, String> smtp = Map.of("mail.host", "smtp.example.org");
    assertThatThrownBy(() -> Config.load(Map.of(), smtp)).hasMessageContaining("mail.from");
    Map<String, String> plain = Map.of("mail.host", "smtp.example.org", "mail.from", "voz@example.org");
    assertThat(ProductionChecks.problems(Config.load(Map.of("VOZ_ENV", "production"), plain)))
        .anyMatch(problem -> problem.contains("mail.starttls must be required"));
    Map<String, String> tls = new java.util.HashMap<>(plain);
    tls.put("mail.starttls", "required");
    assertThat(ProductionChecks.problems(Config.load(Map.of("VOZ_ENV", "production"), tls)))
        .noneMatch(problem -> problem.contains("mail."));
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("mail.starttls", "maybe"))).hasMessageContaining("mail.starttls");
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("inbox.heartbeat", "PT90S"))).hasMessageContaining("inbox.heartbeat");
    assertThat(Config.load(Map.of()).inbox()).isEqualTo(new Config.Inbox(Duration.ofSeconds(20), 3));
    assertThat(Config.load(Map.of()).mail().enabled()).isFalse();
  }

  @Test
  @DisplayName("Telegram polling is refused in production unless explicitly allowed")
  void pollingInProduction() {
    Map<String, String> polling = Map.of("telegram.enabled", "true", "telegram.mode", "polling");
    assertThat(ProductionChecks.problems(Config.load(Map.of("VOZ_ENV", "production"), polling)))
        .anyMatch(problem -> problem.contains("telegram.mode polling"));
    Map<String, String> allowed = new java.util.HashMap<>(polling);
    allowed.put("telegram.pollingInProduction", "true");
    assertThat(ProductionChecks.problems(Config.load(Map.of("VOZ_ENV", "production"), allowed)))
        .noneMatch(problem -> problem.contains("telegram.mode polling"));
    assertThat(ProductionChecks.problems(Config.load(Map.of(), polling))).isEmpty();
  }

  @Test
  @DisplayName("production refuses a generated data key, the embedded Redis, missing channel secrets, no safeguarding lead's webhook and a claim shorter than two delivery timeouts")
  void productionChecks() {
    assertThat(ProductionChecks.problems(Config.load(Map.of()))).isEmpty();
    var problems = ProductionChecks.problems(Config.load(Map.of("VOZ_ENV", "production")));
    assertThat(String.join("\n", problems)).contains("VOZ_DATA_KEY").contains("REDIS_URL").contains("TWILIO_AUTH_TOKEN")
        .contains("TWILIO_ACCOUNT_SID").contains("VOZ_ADMIN_TOKEN").contains("VOZ_PUBLIC_URL")
        .contains("VOZ_ALERT_WEBHOOK_SECRET").contains("VOZ_SAFEGUARDING_WEBHOOK_URL")
        .contains("VOZ_SAFEGUARDING_WEBHOOK_SECRET");
    Map<String, String> complete = completeProduction();
    assertThat(ProductionChecks.problems(Config.load(complete))).isEmpty();
    // escalations go to the safeguarding lead only: not over plain http, not to the case managers' alert webhook
    Map<String, String> toCaseManagers = new java.util.HashMap<>(complete);
    toCaseManagers.put("VOZ_SAFEGUARDING_WEBHOOK_URL", "https://cm.example.org");
    assertThat(String.join("\n", ProductionChecks.problems(Config.load(toCaseManagers)))).contains("VOZ_SAFEGUARDING_WEBHOOK_URL");
    Map<String, String> plain = new java.util.HashMap<>(complete);
    plain.put("VOZ_SAFEGUARDING_WEBHOOK_URL", "http://lead.example.org");
    assertThat(String.join("\n", ProductionChecks.problems(Config.load(plain)))).contains("https");
    // a claim shorter than two delivery timeouts could take over, and send again, a reply still on its way
    assertThat(String.join("\n", ProductionChecks.problems(Config.load(complete, Map.of("outbox.claimIdle", "PT59S")))))
        .contains("outbox.claimIdle");
    assertThat(ProductionChecks.problems(Config.load(complete, Map.of("outbox.claimIdle", "PT60S")))).isEmpty();
    Config telegramOn = Config.load(complete, Map.of("telegram.enabled", "true"));
    assertThat(String.join("\n", ProductionChecks.problems(telegramOn))).contains("TELEGRAM_BOT_TOKEN").contains("TELEGRAM_WEBHOOK_SECRET");
  }

  /** A production configuration with nothing to refuse. */
  static Map<String, String> completeProduction() {
    return Map.ofEntries(Map.entry("VOZ_ENV", "production"), Map.entry("VOZ_DATA_KEY", "x"),
        Map.entry("REDIS_URL", "rediss://:a-redis-password@redis.internal:6380"),
        Map.entry("VOZ_ADMIN_TOKEN", "Zq6QwnyxEWnUqh7Lu1Ly3f8kP0vT-_aB9cDeFgHiJkL"),
        Map.entry("TWILIO_ACCOUNT_SID", "AC1"), Map.entry("TWILIO_AUTH_TOKEN", "t"), Map.entry("TWILIO_FROM", "+1555"),
        Map.entry("VOZ_PUBLIC_URL", "https://voz.example.org"), Map.entry("VOZ_ALERT_WEBHOOK_URL", "https://cm.example.org"),
        Map.entry("VOZ_ALERT_WEBHOOK_SECRET", "s"), Map.entry("VOZ_SAFEGUARDING_WEBHOOK_URL", "https://lead.example.org"),
        Map.entry("VOZ_SAFEGUARDING_WEBHOOK_SECRET", "l"), Map.entry("VOZ_METRICS_TOKEN", "m-0123456789abcdefghijklmnopqrstuv"));
  }

  private static String refusal(Map<String, String> env, String variable, String value, Map<String, String> overrides) {
    Map<String, String> changed = new java.util.HashMap<>(env);
    if (value == null) {
      changed.remove(variable);
    } else if (variable != null) {
      changed.put(variable, value);
    }
    return String.join("\n", ProductionChecks.problems(Config.load(changed, overrides)));
  }

  @Test
  @DisplayName("production refuses plain http for every URL that carries data, a weak admin token, PIN hashing under "
      + "OWASP's 600,000 iterations and a Redis without a password, each naming its setting; dev is unchanged")
  void productionRefusesWeakSettings() {
    Map<String, String> ok = completeProduction();
    assertThat(ProductionChecks.problems(Config.load(ok))).isEmpty();
    assertThat(refusal(ok, "VOZ_PUBLIC_URL", "http://voz.example.org", Map.of())).contains("VOZ_PUBLIC_URL").contains("https");
    assertThat(refusal(ok, "VOZ_ALERT_WEBHOOK_URL", "http://cm.example.org", Map.of())).contains("VOZ_ALERT_WEBHOOK_URL")
        .contains("https");
    assertThat(refusal(ok, "TWILIO_API_BASE", "http://api.twilio.com", Map.of())).contains("TWILIO_API_BASE");
    assertThat(refusal(ok, "TELEGRAM_API_BASE", "http://api.telegram.org", Map.of("telegram.enabled", "true",
        "telegram.botToken", "1:a", "telegram.webhookSecret", "s"))).contains("TELEGRAM_API_BASE");
    assertThat(refusal(ok, "VOZ_ADMIN_TOKEN", "a".repeat(24), Map.of())).contains("VOZ_ADMIN_TOKEN");
    assertThat(refusal(ok, "VOZ_ADMIN_TOKEN", "a".repeat(40), Map.of())).as("long, one letter").contains("VOZ_ADMIN_TOKEN");
    assertThat(refusal(ok, "VOZ_ADMIN_TOKEN", "ab".repeat(20), Map.of())).as("long, two letters").contains("VOZ_ADMIN_TOKEN");
    assertThat(refusal(ok, "VOZ_ADMIN_TOKEN", "0123456789abcdef0123456789", Map.of())).as("26").contains("VOZ_ADMIN_TOKEN");
    assertThat(refusal(ok, "VOZ_ADMIN_TOKEN", "3f9c2a7e1b8d4f60a5c3e9b27d1f8a46", Map.of())).as("openssl rand -hex 16")
        .doesNotContain("VOZ_ADMIN_TOKEN");
    assertThat(refusal(ok, null, null, Map.of("security.pinHashIterations", "599999")))
        .contains("security.pinHashIterations").contains("600000");
    assertThat(refusal(ok, "REDIS_URL", "redis://redis.internal:6379", Map.of())).contains("REDIS_URL").contains("password");
    assertThat(refusal(ok, "REDIS_URL", "redis://:pw@h1:7000,h2:7001", Map.of())).doesNotContain("REDIS_URL");
    assertThat(refusal(ok, "REDIS_URL", "redis-sentinel://pw@s1:26379/0#main", Map.of())).doesNotContain("REDIS_URL");
    assertThat(refusal(ok, "REDIS_URL", "redis-sentinel://s1:26379/0#main", Map.of())).contains("REDIS_URL");

    assertThat(Config.load(Map.of()).security().pinHashIterations()).as("the default").isEqualTo(600_000);
    assertThat(ProductionChecks.problems(Config.load(Map.of("VOZ_ADMIN_TOKEN", "a".repeat(24),
        "VOZ_PUBLIC_URL", "http://localhost:8080", "REDIS_URL", "redis://localhost:6379"),
        Map.of("security.pinHashIterations", "1000")))).as("dev starts as before").isEmpty();
  }

  @Test
  @DisplayName("production keeps /metrics from anyone: a token (VOZ_METRICS_TOKEN, strong) or a port of its own")
  void metricsGuardedInProduction() {
    Map<String, String> ok = completeProduction();
    assertThat(refusal(ok, "VOZ_METRICS_TOKEN", null, Map.of())).contains("VOZ_METRICS_TOKEN").contains("metrics.port");
    assertThat(refusal(ok, "VOZ_METRICS_TOKEN", "short", Map.of())).contains("VOZ_METRICS_TOKEN");
    assertThat(refusal(ok, "VOZ_METRICS_TOKEN", null, Map.of("metrics.port", "9464"))).doesNotContain("metrics");
    assertThatThrownBy(() -> Config.load(Map.of(), Map.of("metrics.port", "8080"))).as("not the service's own port")
        .hasMessageContaining("metrics.port");
    assertThat(Config.load(Map.of("VOZ_METRICS_TOKEN", "tok")).metrics().token()).isEqualTo("tok");
    assertThat(ProductionChecks.problems(Config.load(Map.of()))).as("dev: open, as before").isEmpty();
  }

  @Test
  @DisplayName("telegram.enabled auto: the channel is on exactly when TELEGRAM_BOT_TOKEN is set")
  void telegramAuto() {
    assertThat(Config.load(Map.of()).telegram().enabled()).isFalse();
    assertThat(Config.load(Map.of("TELEGRAM_BOT_TOKEN", "123:abc")).telegram().enabled()).isTrue();
    assertThat(Config.load(Map.of("TELEGRAM_BOT_TOKEN", "123:abc"), Map.of("telegram.enabled", "false")).telegram().enabled())
        .isFalse();
    assertThat(String.join("\n", ProductionChecks.problems(Config.load(Map.of("VOZ_ENV", "production",
        "TELEGRAM_BOT_TOKEN", "123:abc"))))).contains("TELEGRAM_WEBHOOK_SECRET");
  }
}
