package org.voz.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.conversation.Validator;
import org.voz.crypto.Keyring;
import org.voz.store.EmbeddedRedis;
import org.voz.store.Redis;

/**
 * {@code java -jar voz.jar [run|validate|chat]}: runs the service (the default), checks the
 * conversations, or chats with a running service's simulator from the terminal.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "run" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    int code;
    try {
      code = switch (command) {
        case "run" -> run(System.getenv(), System.out);
        case "validate" -> validate(rest, System.out);
        case "chat" -> ChatCli.run(rest, System.getenv(), System.in, System.out);
        case "ledger" -> LedgerCli.run(rest, System.getenv(), System.out);
        case "keys" -> KeysCli.run(rest, System.getenv(), System.out);
        case "telegram" -> TelegramCli.run(rest, System.getenv(), System.out);
        case "help", "--help", "-h" -> usage(System.out, 0);
        default -> usage(System.err, 2);
      };
    } catch (Config.ConfigException e) {
      System.err.println("voz: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  private static int usage(PrintStream out, int code) {
    out.println("usage: java -jar voz.jar [run | validate [dir] | chat [--as NAME] [--url URL] | telegram set-webhook | ledger verify | keys rotate | keys id]");
    out.println("  run       start the service (default)");
    out.println("  validate  check every conversation file; non-zero exit on any error");
    out.println("  chat      talk to a running dev service from the terminal, as a simulator persona");
    out.println("  ledger verify   check the hash chain of every consent ledger; exit 1 if one is broken");
    out.println("  keys rotate     seal and index everything under the current data key (VOZ_DATA_KEY), online;"
        + " exit 0 once nothing is left under VOZ_DATA_KEYS_PREVIOUS. keys id: the configured keys' ids");
    out.println("  telegram  set-webhook: register VOZ_PUBLIC_URL/webhooks/telegram with Telegram; webhook-info,"
        + " delete-webhook, me");
    return code;
  }

  private static int validate(String[] args, PrintStream out) {
    Config config = Config.load(System.getenv());
    Path dir = Path.of(args.length > 0 ? args[0] : config.conversation().dir());
    return Validator.run(dir, out, Map.of("recipient", config.recipients().keySet()));
  }

  private static int run(Map<String, String> env, PrintStream console) {
    Config config = Config.load(env);
    List<String> problems = ProductionChecks.problems(config);
    if (!problems.isEmpty()) {
      System.err.println("voz: refusing to start in production:");
      problems.forEach(p -> System.err.println("  - " + p));
      return 2;
    }
    Path dataDir = Path.of(config.redis().embeddedDataDir()).toAbsolutePath().normalize();
    byte[] dataKey = dataKey(config, dataDir, console);
    String adminToken = adminToken(config, dataDir, console);

    EmbeddedRedis embedded = null;
    String redisUrl = config.redis().url();
    if (redisUrl.isBlank()) {
      embedded = EmbeddedRedis.start(dataDir);
      redisUrl = embedded.url();
      console.println("Embedded Redis started on " + redisUrl + ", data in " + dataDir + " (append-only file on).");
      console.println("  It is for development only; set REDIS_URL to use your own Redis.");
    }

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    EmbeddedRedis embeddedRedis = embedded;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, embeddedRedis), "voz-shutdown"));

    Voz voz;
    try {
      voz = Redis.connect(vertx, redisUrl)
          .compose(redis -> Voz.start(vertx, config,
              new Voz.Resources(redis, dataKey, adminToken, registry, Clock.systemUTC())
                  .withPreviousKeys(config.security().previousKeys())))
          .toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      System.err.println("voz: cannot start: " + cause.getMessage());
      LOG.error("start failed", cause);
      return 1;
    }
    String base = "http://localhost:" + voz.port();
    console.println("Voz is listening on " + base + " (env " + config.env() + ").");
    if (voz.consoleHint() != null) {
      console.println("  " + voz.consoleHint());
    }
    if (!config.production() && config.simulator().enabled()) {
      console.println("  Chat simulator: " + base + "/simulator  (or: java -jar target/voz.jar chat); it also owns the SMS"
          + " numbers +15555550100 to +15555550199: enrol a survivor with one to chat as them there");
    }
    awaitShutdown();
    return 0;
  }

  /** Vert.x threads are daemons: the main thread stays until the JVM is told to stop (the hook cleans up). */
  private static void awaitShutdown() {
    try {
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] dataKey(Config config, Path dataDir, PrintStream console) {
    if (!config.security().dataKey().isBlank()) {
      try {
        return Keyring.parseKey(config.security().dataKey());
      } catch (IllegalArgumentException e) {
        throw new Config.ConfigException("VOZ_DATA_KEY: " + e.getMessage());
      }
    }
    Path file = dataDir.resolve("voz-data.key");
    String key = readOrCreate(file, () -> java.util.Base64.getEncoder().encodeToString(Keyring.newKey()));
    console.println("WARNING: no VOZ_DATA_KEY; using the development key in " + file + ".");
    console.println("  Data sealed with it is unreadable without that file. Production requires VOZ_DATA_KEY.");
    return Keyring.parseKey(key);
  }

  private static String adminToken(Config config, Path dataDir, PrintStream console) {
    if (!config.security().adminToken().isBlank()) {
      return config.security().adminToken();
    }
    Path file = dataDir.resolve("voz-admin.token");
    String token = readOrCreate(file, () -> java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Keyring.newKey()));
    console.println("Dev admin token (from " + file + "): " + token);
    return token;
  }

  private static String readOrCreate(Path file, java.util.function.Supplier<String> create) {
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(file.getParent());
      String value = create.get();
      Files.writeString(file, value + "\n");
      try {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      return value;
    } catch (IOException e) {
      throw new Config.ConfigException("cannot read or create " + file + ": " + e.getMessage());
    }
  }

  private static void shutdown(Vertx vertx, EmbeddedRedis embedded) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("vert.x did not close cleanly: {}", e.getClass().getSimpleName());
    }
    if (embedded != null) {
      embedded.stop();
    }
  }
}
