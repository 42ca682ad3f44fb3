package org.voz.bench;

/** Command line of {@code bench/run.sh}. */
final class Options {

  double[] rates = {5000};
  long durationSeconds = 180;
  long warmupSeconds = 15;
  int survivors = 2000;
  /** The share of the survivors on Telegram (updates to /webhooks/telegram, replies through the Bot API); 0: SMS only. */
  double telegramShare = 0.2;
  /** appendfsync modes, one after the other on the same Redis (CONFIG SET); each rate runs under each. */
  String[] fsyncModes = {"everysec", "always"};
  int connections = 64;
  long baselineSeconds = 15;
  boolean jfr;
  boolean embeddedRedis;
  int enrolConcurrency = 4;
  int loginConcurrency = 8;
  int partitions = 16;
  String vozJar = "target/voz.jar";
  String vozJvmOpts = "";
  String vozConfig;
  /** Survivors seeded for the campaign fan-out phase; 0 skips it. */
  int fanout = 100_000;
  /** feedback.invitations.perSecond for the fan-out phase; 0: as the service's config file says. */
  int fanoutRate;

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--rate" -> { o.rates = java.util.Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray(); i++; }
        case "--duration" -> { o.durationSeconds = seconds(v); i++; }
        case "--warmup" -> { o.warmupSeconds = seconds(v); i++; }
        case "--survivors" -> { o.survivors = Integer.parseInt(v); i++; }
        case "--telegram-share" -> { o.telegramShare = Double.parseDouble(v); i++; }
        case "--long" -> o.durationSeconds = 600;
        case "--fsync" -> { o.fsyncModes = v.split(","); i++; }
        case "--connections" -> { o.connections = Integer.parseInt(v); i++; }
        case "--baseline" -> { o.baselineSeconds = seconds(v); i++; }
        case "--no-baseline" -> o.baselineSeconds = 0;
        case "--jfr" -> o.jfr = true;
        case "--embedded-redis" -> o.embeddedRedis = true;
        case "--enrol-concurrency" -> { o.enrolConcurrency = Integer.parseInt(v); i++; }
        case "--login-concurrency" -> { o.loginConcurrency = Integer.parseInt(v); i++; }
        case "--partitions" -> { o.partitions = Integer.parseInt(v); i++; }
        case "--voz-jar" -> { o.vozJar = v; i++; }
        case "--voz-jvm-opts" -> { o.vozJvmOpts = v; i++; }
        case "--voz-config" -> { o.vozConfig = v; i++; }
        case "--fanout" -> { o.fanout = Integer.parseInt(v); i++; }
        case "--fanout-rate" -> { o.fanoutRate = Integer.parseInt(v); i++; }
        default -> throw new IllegalArgumentException("unknown option " + a + " (see bench/run.sh --help)");
      }
    }
    for (String mode : o.fsyncModes) {
      if (!mode.equals("always") && !mode.equals("everysec") && !mode.equals("no")) {
        throw new IllegalArgumentException("--fsync must be always, everysec or no, or several comma-separated");
      }
    }
    if (!(o.telegramShare >= 0 && o.telegramShare <= 1)) {
      throw new IllegalArgumentException("--telegram-share must be between 0 and 1");
    }
    if (o.rates.length == 0 || o.rates.length * o.fsyncModes.length > 12 || java.util.Arrays.stream(o.rates).anyMatch(r -> r <= 0 || r > 50_000) || o.durationSeconds < 1 || o.durationSeconds > 3600 || o.survivors < 1
        || o.survivors > 200_000 || o.connections < 1 || o.connections > 1024 || o.fanout < 0 || o.fanout > 1_000_000
        || o.fanoutRate < 0 || o.fanoutRate > 10_000) {
      throw new IllegalArgumentException("out of bounds: rate 1..50000 (up to 12 columns: rates x fsync modes), duration 1s..60m, survivors 1..200000, connections 1..1024, fanout 0..1000000, fanout-rate 1..10000");
    }
    return o;
  }

  /** 20s, 3m, 1m30s or plain seconds. */
  static long seconds(String v) {
    long total = 0;
    long n = 0;
    boolean any = false;
    for (char c : v.toCharArray()) {
      if (Character.isDigit(c)) {
        n = n * 10 + (c - '0');
        any = true;
      } else if (c == 's') {
        total += n;
        n = 0;
      } else if (c == 'm') {
        total += n * 60;
        n = 0;
      } else if (c == 'h') {
        total += n * 3600;
        n = 0;
      } else {
        throw new IllegalArgumentException("bad duration " + v);
      }
    }
    if (!any) {
      throw new IllegalArgumentException("bad duration " + v);
    }
    return total + n;
  }
}
