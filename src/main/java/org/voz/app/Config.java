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
    Console console,
    Mail mail,
    Inbox inbox,
    org.voz.web.MetricsOptions metrics,
    Throttle throttle,
    org.voz.safety.RiskPolicies risk,
    Retention retention) {

  public Config {
    retention = retention == null ? Retention.DEFAULTS : retention;
    console = console == null ? Console.DEFAULTS : console;
    mail = mail == null ? Mail.NONE : mail;
    inbox = inbox == null ? Inbox.DEFAULTS : inbox;
    throttle = throttle == null ? Throttle.DEFAULTS : throttle;
    metrics = metrics == null ? org.voz.web.MetricsOptions.OPEN : metrics;
    recipients = recipients == null ? java.util.Map.of() : java.util.Map.copyOf(recipients);
    feedback = feedback == null ? new FeedbackConfig(null, null, null, null) : feedback;
    risk = risk == null ? org.voz.safety.RiskPolicies.DEFAULTS : risk;
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
   * @param consumer         this instance's consumer name in the outbox's consumer group, the same across its
   *                         restarts and different from every other instance's; empty: {@link #consumerName}'s default
   */
  public record Outbox(
      int batchSize, int concurrency, Duration sweepInterval, Duration claimIdle, int maxAttempts, Duration backoffBase,
      Duration backoffMax, boolean sharedRateLimits, String consumer) {

    public Outbox {
      consumer = consumer == null ? "" : consumer.trim();
    }

    /**
     * The consumer name: {@code outbox.consumer} ({@code VOZ_INSTANCE_ID}) when set, else the host name and the
     * HTTP port ({@code voz-host-8080}): stable across restarts on one host, and different for two instances on
     * one host (they cannot share a port). Port 0 (any free port, as tests use) has nothing stable: a random name.
     */
    public String consumerName(int httpPort) {
      if (!consumer.isEmpty()) {
        return consumer;
      }
      return "voz-" + hostName() + "-" + (httpPort > 0 ? Integer.toString(httpPort)
          : java.util.UUID.randomUUID().toString().substring(0, 8));
    }

    /** The host name, without a DNS lookup: {@code HOSTNAME}, else {@code /etc/hostname}, else {@code localhost}. */
    static String hostName() {
      String name = System.getenv("HOSTNAME");
      if (name == null || name.isBlank()) {
        try {
          Path file = Path.of("/etc/hostname");
          name = Files.isReadable(file) ? Files.readString(file).trim() : "";
        } catch (IOException e) {
          name = "";
        }
      }
      name = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "");
      return name.isEmpty() ? "localhost" : name;
    }
  }

  public record Dedupe(Duration ttl) {}

  /** @param demoData whether the demo survivors come with work waiting for cm-demo (a file request, alerts) */
  public record Simulator(boolean enabled, boolean demoData) {}

  /**
   * When Voz may write first to a survivor who has no contact window of their own (in the time zone of their phone
   * number's place when it has one, else {@code timezone}), and the programme's country, whose national form of a
   * phone number staff may write ({@code defaultRegion}, two letters; empty: only numbers with their country code).
   */
  public record Contact(String timezone, java.time.LocalTime from, java.time.LocalTime to, String defaultRegion) {
    public org.voz.safety.ContactWindow window() {
      return new org.voz.safety.ContactWindow(timezone, from, to, java.util.List.of());
    }

    /** Phone numbers read in the programme's country. */
    public org.voz.contact.PhoneNumbers phones() {
      return new org.voz.contact.PhoneNumbers(defaultRegion);
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
  /**
   * The staff console: session idle timeout, password hashing, invitations, sign-in lockout (per account and per
   * client address), where a reverse proxy puts the client's address, how many account events are kept, and the
   * optional single sign-on.
   */
  public record Console(Duration idleTimeout, int passwordIterations, Duration inviteTtl, int maxFailures,
      Duration lockout, int maxFailuresPerAddress, String clientAddressHeader, long auditMaxEvents,
      org.voz.web.console.SingleSignOnOptions sso) {
    static final Console DEFAULTS = new Console(Duration.ofMinutes(15), 600_000, Duration.ofHours(72), 5,
        Duration.ofMinutes(15), 20, "", 100_000, org.voz.web.console.SingleSignOnOptions.OFF);

    public Console {
      clientAddressHeader = clientAddressHeader == null ? "" : clientAddressHeader;
      sso = sso == null ? org.voz.web.console.SingleSignOnOptions.OFF : sso;
    }
  }

  /**
   * SMTP for alert e-mails; no host: no e-mail (the console's setting says so).
   *
   * @param starttls {@code optional}, {@code required} or {@code disabled}; {@code ssl} TLS from the first byte (port 465)
   */
  public record Mail(String host, int port, String username, String password, String from, String starttls, boolean ssl) {
    static final Mail NONE = new Mail("", 587, "", "", "", "optional", false);

    public Mail {
      host = host == null ? "" : host.strip();
      username = username == null ? "" : username;
      password = password == null ? "" : password;
      from = from == null ? "" : from.strip();
      starttls = starttls == null ? "optional" : starttls.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean enabled() {
      return !host.isEmpty();
    }

    @Override
    public String toString() {
      return "Mail[host=" + host + ", port=" + port + "]";
    }
  }

  /** The live alerts inbox: a comment on each open stream this often, and at most this many streams per session. */
  public record Inbox(Duration heartbeat, int maxStreamsPerSession) {
    static final Inbox DEFAULTS = new Inbox(Duration.ofSeconds(20), 3);
  }

  /**
   * What strangers can make Voz do.
   *
   * @param authFailures       wrong bearer tokens (401) per client address within {@code authWindow} before the address
   *                           is refused (429) for {@code authWindow}, doubled at each burst up to {@code authMaxBlock}
   * @param unknownSenderQuiet an address no survivor has is answered once, then not again for this long (0: always)
   */
  public record Throttle(int authFailures, Duration authWindow, Duration authMaxBlock, Duration unknownSenderQuiet) {
    static final Throttle DEFAULTS = new Throttle(10, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24));

    public Throttle {
      authWindow = authWindow == null ? DEFAULTS.authWindow() : authWindow;
      authMaxBlock = authMaxBlock == null ? DEFAULTS.authMaxBlock() : authMaxBlock;
      unknownSenderQuiet = unknownSenderQuiet == null ? DEFAULTS.unknownSenderQuiet() : unknownSenderQuiet;
    }
  }

  /**
   * How long records are kept once the case closed ({@code retention.*}): erased {@code months} after the exit date,
   * or the months of the survivor's programme ({@code programmes}: code → months, null: kept); {@code warnBefore}
   * ahead the case manager is alerted ({@code retention.due_soon}); checked every {@code checkInterval}.
   */
  public record Retention(Duration checkInterval, Integer months, java.util.Map<String, Integer> programmes,
      Duration warnBefore) {
    public static final Retention DEFAULTS = new Retention(Duration.ofHours(6), null, java.util.Map.of(), Duration.ofDays(30));

    public Retention {
      checkInterval = checkInterval == null ? DEFAULTS.checkInterval() : checkInterval;
      warnBefore = warnBefore == null ? DEFAULTS.warnBefore() : warnBefore;
      programmes = programmes == null ? java.util.Map.of() : programmes;
    }

    public org.voz.consent.RetentionRule rule() {
      return new org.voz.consent.RetentionRule(months, programmes);
    }
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
    m.put("VOZ_SSO_CLIENT_SECRET", "console.sso.clientSecret");
    m.put("VOZ_SMTP_HOST", "mail.host");
    m.put("VOZ_SMTP_PORT", "mail.port");
    m.put("VOZ_SMTP_USERNAME", "mail.username");
    m.put("VOZ_SMTP_PASSWORD", "mail.password");
    m.put("VOZ_SMTP_FROM", "mail.from");
    m.put("VOZ_INSTANCE_ID", "outbox.consumer");
    m.put("VOZ_METRICS_TOKEN", "metrics.token");
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
    metrics.problems(http.port()).forEach(problem -> require(false, problem));
    require(redis.partitions() > 0, "redis.partitions must be positive");
    require(security.maxPinAttempts() > 0, "security.maxPinAttempts must be positive");
    require(security.pinHashIterations() >= 1000, "security.pinHashIterations must be at least 1000");
    security.previousKeys(); // each one base64 of 32 bytes
    require(outbox.maxAttempts() > 0, "outbox.maxAttempts must be positive");
    require(outbox.batchSize() > 0, "outbox.batchSize must be positive");
    require(outbox.concurrency() > 0, "outbox.concurrency must be positive");
    require(outbox.consumer().matches("[A-Za-z0-9._:-]{0,100}"),
        "outbox.consumer (VOZ_INSTANCE_ID) must be at most 100 of A-Z a-z 0-9 . _ : -");
    require(consent.chatGrantStatus().equals("granted") || consent.chatGrantStatus().equals("granted_pending_confirmation"),
        "consent.chatGrantStatus must be granted or granted_pending_confirmation");
    try {
      contact.window();
      contact.phones();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("contact: " + e.getMessage());
    }
    require(console.idleTimeout().compareTo(Duration.ofMinutes(1)) >= 0, "console.idleTimeout must be at least PT1M");
    require(console.passwordIterations() >= 1000, "console.passwordIterations must be at least 1000");
    require(console.maxFailures() > 0, "console.maxFailures must be positive");
    require(console.maxFailuresPerAddress() > 0, "console.maxFailuresPerAddress must be positive");
    require(console.auditMaxEvents() >= 1000, "console.auditMaxEvents must be at least 1000");
    console.sso().problems().forEach(problem -> require(false, problem));
    require(!console.lockout().isNegative() && !console.lockout().isZero() && !console.inviteTtl().isNegative() && !console.inviteTtl().isZero(),
        "console.lockout and console.inviteTtl must be positive");
    require(java.util.Set.of("optional", "required", "disabled").contains(mail.starttls()),
        "mail.starttls must be optional, required or disabled");
    require(mail.port() > 0 && mail.port() < 65536, "mail.port must be a TCP port");
    require(!mail.enabled() || !mail.from().isEmpty(), "mail.from (VOZ_SMTP_FROM) is required with mail.host");
    require(!inbox.heartbeat().isNegative() && !inbox.heartbeat().isZero()
        && inbox.heartbeat().compareTo(http.idleTimeout()) < 0, "inbox.heartbeat must be positive and under http.idleTimeout");
    require(inbox.maxStreamsPerSession() >= 1, "inbox.maxStreamsPerSession must be at least 1");
    require(requests.dueDays() >= 1, "requests.dueDays must be at least 1");
    require(retention.months() == null || retention.months() >= 1, "retention.months must be at least 1 (or null: kept)");
    retention.programmes().forEach((code, m) -> require(m == null || m >= 1,
        "retention.programmes." + code + " must be at least 1 (or null: kept)"));
    require(!retention.checkInterval().isNegative() && !retention.checkInterval().isZero(),
        "retention.checkInterval must be positive");
    require(!retention.warnBefore().isNegative(), "retention.warnBefore must not be negative");
    require(requests.maxDocumentBytes() >= 1024, "requests.maxDocumentBytes must be at least 1024");
    require(!requests.documentLifetime().isNegative() && !requests.documentLifetime().isZero(),
        "requests.documentLifetime must be positive");
    require(!requests.dueCheckInterval().isNegative() && !requests.dueCheckInterval().isZero(),
        "requests.dueCheckInterval must be positive");
    require(feedback.invitations().perSecond() > 0, "feedback.invitations.perSecond must be positive");
    require(!feedback.codesign().term().isNegative() && !feedback.codesign().term().isZero(),
        "feedback.codesign.term must be positive");
    require(feedback.updates().perCampaign() >= 0, "feedback.updates.perCampaign must not be negative");
    require(throttle.authFailures() >= 1, "throttle.authFailures must be at least 1");
    require(throttle.authWindow().toMillis() >= 1000, "throttle.authWindow must be at least PT1S");
    require(throttle.authMaxBlock().compareTo(throttle.authWindow()) >= 0,
        "throttle.authMaxBlock must be at least throttle.authWindow");
    require(!throttle.unknownSenderQuiet().isNegative(), "throttle.unknownSenderQuiet must not be negative");
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
