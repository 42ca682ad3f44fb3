package org.voz.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.voz.channel.telegram.TelegramOptions;
import org.voz.channel.twilio.TwilioOptions;
import org.voz.web.HttpOptions;

/**
 * The service configuration: {@code config/application.yaml} (defaults, every key documented there),
 * then the environment variables of the contract. The last source wins.
 */
public record Config(
    String env,
    HttpOptions http,
    Redis redis,
    Security security,
    Conversation conversation,
    TwilioOptions twilio,
    TelegramOptions telegram,
    Alerts alerts,
    Outbox outbox,
    Dedupe dedupe,
    Consent consent,
    java.util.Map<String, Recipient> recipients,
    Contact contact,
    Simulator simulator,
    Requests requests,
    FeedbackConfig feedback,
    Console console) {

  public Config {
    console = console == null ? Console.DEFAULTS : console;
    recipients = recipients == null ? java.util.Map.of() : java.util.Map.copyOf(recipients);
    feedback = feedback == null ? new FeedbackConfig(null, null, null) : feedback;
  }


  public record Redis(String url, String prefix, int partitions, String embeddedDataDir) {}

  /**
   * @param dataKey          the current data key (base64 of 32 bytes): seals and hashes everything new
   * @param previousDataKeys earlier data keys still readable during a rotation (base64, comma-separated; blank: none)
   */
  public record Security(String dataKey, String adminToken, int pinHashIterations, int maxPinAttempts,
      String previousDataKeys) {
    public Security {
      previousDataKeys = previousDataKeys == null ? "" : previousDataKeys;
    }

    /** The previous data keys, parsed. */
    public java.util.List<byte[]> previousKeys() {
      try {
        return org.voz.crypto.Keyring.parseKeys(previousDataKeys);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("security.previousDataKeys (VOZ_DATA_KEYS_PREVIOUS): " + e.getMessage());
      }
    }
  }

  public record Conversation(String dir, Duration idleTimeout) {}

  public record Alerts(String webhookUrl, String webhookSecret, Duration giveUpAfter, boolean notifyCaseManager) {}

  /**
   * @param concurrency      deliveries under way at once per partition
   * @param sharedRateLimits whether send rates hold over all instances (booked in Redis) or per instance
   */
  public record Outbox(
      int batchSize, int concurrency, Duration sweepInterval, Duration claimIdle, int maxAttempts, Duration backoffBase,
      Duration backoffMax, boolean sharedRateLimits) {}

  public record Dedupe(Duration ttl) {}

  public record Simulator(boolean enabled) {}

  /** When Voz may write first to a survivor who has no contact window of their own. */
  public record Contact(String timezone, java.time.LocalTime from, java.time.LocalTime to) {
    public org.voz.safety.ContactWindow window() {
      return new org.voz.safety.ContactWindow(timezone, from, to, java.util.List.of());
    }
  }

  /** A recipient organisation's own webhook: told, signed, when a survivor revokes their item. */
  public record Recipient(String url, String secret) {}

  public record Consent(Duration expiryInterval, boolean alertOnOptOut, String chatGrantStatus) {}

  /**
   * File requests.
   *
   * @param dueDays          days the agency has to answer a request
   * @param dueCheckInterval how often due-soon and overdue requests are looked for
   * @param maxDocumentBytes the largest uploaded document
   * @param documentLifetime how long a document and its one-time link are kept
   */
  /** The staff console: session idle timeout, password hashing, invitations, sign-in lockout. */
  public record Console(Duration idleTimeout, int passwordIterations, Duration inviteTtl, int maxFailures,
      Duration lockout) {
    static final Console DEFAULTS = new Console(Duration.ofMinutes(15), 600_000, Duration.ofHours(72), 5,
        Duration.ofMinutes(15));
  }

  public record Requests(int dueDays, Duration dueCheckInterval, int maxDocumentBytes, Duration documentLifetime) {}

  /** Environment variable → configuration key. The contract's variables, plus VOZ_CONFIG for the file. */
  public static final Map<String, String> ENVIRONMENT = environmentKeys();

  private static Map<String, String> environmentKeys() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("VOZ_ENV", "env");
    m.put("VOZ_HTTP_PORT", "http.port");
    m.put("VOZ_PUBLIC_URL", "http.publicUrl");
    m.put("REDIS_URL", "redis.url");
    m.put("VOZ_DATA_KEY", "security.dataKey");
    m.put("VOZ_DATA_KEYS_PREVIOUS", "security.previousDataKeys");
    m.put("VOZ_ADMIN_TOKEN", "security.adminToken");
    m.put("TWILIO_ACCOUNT_SID", "twilio.accountSid");
    m.put("TWILIO_AUTH_TOKEN", "twilio.authToken");
    m.put("TWILIO_FROM", "twilio.from");
    m.put("TWILIO_API_BASE", "twilio.apiBase");
    m.put("TELEGRAM_BOT_TOKEN", "telegram.botToken");
    m.put("TELEGRAM_WEBHOOK_SECRET", "telegram.webhookSecret");
    m.put("TELEGRAM_API_BASE", "telegram.apiBase");
    m.put("VOZ_ALERT_WEBHOOK_URL", "alerts.webhookUrl");
    m.put("VOZ_ALERT_WEBHOOK_SECRET", "alerts.webhookSecret");
    m.put("VOZ_SAFEGUARDING_WEBHOOK_URL", "feedback.safeguarding.webhookUrl");
    m.put("VOZ_SAFEGUARDING_WEBHOOK_SECRET", "feedback.safeguarding.webhookSecret");
    return Map.copyOf(m);
  }

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public boolean production() {
    return "production".equals(env);
  }

  /** The packaged defaults, then {@code VOZ_CONFIG} or {@code config/application.yaml} if present, then the environment. */
  public static Config load(Map<String, String> environment) {
    return load(environment, Map.of());
  }

  /**
   * As {@link #load(Map)}, then {@code overrides} (dotted keys, e.g. {@code http.port}), which tests use
   * to run the real service on a free port with their own Redis.
   */
  public static Config load(Map<String, String> environment, Map<String, String> overrides) {
    ObjectNode tree = readDefaults();
    Path file = Path.of(environment.getOrDefault("VOZ_CONFIG", "config/application.yaml"));
    if (Files.isRegularFile(file)) {
      merge(tree, readFile(file));
    } else if (environment.containsKey("VOZ_CONFIG")) {
      throw new ConfigException("VOZ_CONFIG names no readable file: " + file);
    }
    ENVIRONMENT.forEach(
        (variable, key) -> {
          String value = environment.get(variable);
          if (value != null && !value.isBlank()) {
            set(tree, key, value.trim());
          }
        });
    overrides.forEach((key, value) -> set(tree, key, value));
    resolveAuto(tree, "telegram", "botToken");
    try {
      return YAML.convertValue(tree, Config.class).validated();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid configuration: " + e.getMessage());
    }
  }

  private Config validated() {
    require(env.equals("dev") || env.equals("production"), "env (VOZ_ENV) must be dev or production");
    http.problems().forEach(problem -> require(false, problem));
    require(redis.partitions() > 0, "redis.partitions must be positive");
    require(security.maxPinAttempts() > 0, "security.maxPinAttempts must be positive");
    require(security.pinHashIterations() >= 1000, "security.pinHashIterations must be at least 1000");
    security.previousKeys(); // each one base64 of 32 bytes
    require(outbox.maxAttempts() > 0, "outbox.maxAttempts must be positive");
    require(outbox.batchSize() > 0, "outbox.batchSize must be positive");
    require(outbox.concurrency() > 0, "outbox.concurrency must be positive");
    require(consent.chatGrantStatus().equals("granted") || consent.chatGrantStatus().equals("granted_pending_confirmation"),
        "consent.chatGrantStatus must be granted or granted_pending_confirmation");
    try {
      contact.window();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("contact: " + e.getMessage());
    }
    require(console.idleTimeout().compareTo(Duration.ofMinutes(1)) >= 0, "console.idleTimeout must be at least PT1M");
    require(console.passwordIterations() >= 1000, "console.passwordIterations must be at least 1000");
    require(console.maxFailures() > 0, "console.maxFailures must be positive");
    require(!console.lockout().isNegative() && !console.lockout().isZero() && !console.inviteTtl().isNegative() && !console.inviteTtl().isZero(),
        "console.lockout and console.inviteTtl must be positive");
    require(requests.dueDays() >= 1, "requests.dueDays must be at least 1");
    require(requests.maxDocumentBytes() >= 1024, "requests.maxDocumentBytes must be at least 1024");
    require(!requests.documentLifetime().isNegative() && !requests.documentLifetime().isZero(),
        "requests.documentLifetime must be positive");
    require(!requests.dueCheckInterval().isNegative() && !requests.dueCheckInterval().isZero(),
        "requests.dueCheckInterval must be positive");
    require(feedback.invitations().perSecond() > 0, "feedback.invitations.perSecond must be positive");
    require(!feedback.codesign().term().isNegative() && !feedback.codesign().term().isZero(),
        "feedback.codesign.term must be positive");
    twilio.problems().forEach(problem -> require(false, problem));
    telegram.problems().forEach(problem -> require(false, problem));
    return this;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new ConfigException(message);
    }
  }

  private static ObjectNode readDefaults() {
    try (InputStream in = Config.class.getResourceAsStream("/application.yaml")) {
      if (in == null) {
        throw new ConfigException("application.yaml missing from the classpath");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readFile(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void merge(ObjectNode into, JsonNode from) {
    from.fields()
        .forEachRemaining(
            entry -> {
              JsonNode existing = into.get(entry.getKey());
              if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
                merge(object, entry.getValue());
              } else {
                into.set(entry.getKey(), entry.getValue());
              }
            });
  }

  /** {@code <section>.enabled: auto} means on exactly when the section's credential is set. */
  private static void resolveAuto(ObjectNode tree, String section, String credential) {
    ObjectNode node = tree.with(section);
    if ("auto".equals(node.path("enabled").asText())) {
      node.put("enabled", !node.path(credential).asText("").isBlank());
    }
  }

  private static void set(ObjectNode tree, String dottedKey, String value) {
    String[] parts = dottedKey.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.with(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  /** A configuration the service cannot start with; the message says which key and why. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }
}
