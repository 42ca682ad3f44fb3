package org.voz.bench;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voz.crypto.Keyring;
import org.voz.store.Keys;

/**
 * The Voz benchmark (issue 6): Redis, the service jar and a Twilio stub on loopback; enrolment, login,
 * an open-loop conversation load, a bare-handler baseline, memory; one table. See BENCHMARKS.md.
 */
public final class Bench {

  static final String ACCOUNT = "AC00000000000000000000000000bench";
  static final String AUTH_TOKEN = "bench-twilio-auth-token";
  static final String FROM = "+15550001111";
  static final String ADMIN = "bench-admin-token-0123456789abcdef";
  static final String PIN = "2468";

  static final Driver.Script LOGIN = new Driver.Script(
      new String[] {"Hi", PIN},
      new String[] {"Hi. Reply with your PIN", "What would you like to do?"});
  /** After the PIN, from the menu: permissions, data, MENU, HELP; every reply is one outbox entry. */
  static final Driver.Script MENU_CYCLE = new Driver.Script(
      new String[] {"1", "3", "MENU", "HELP"},
      new String[] {"Your permissions", "We keep your data", "What would you like to do?", "Reply MENU"});

  private final Options o;
  private final Path repo;
  private final Path work;
  private final List<Process> children = new ArrayList<>();
  private final Map<String, String> rows = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  private Bench(Options o) {
    this.o = o;
    this.repo = Path.of("").toAbsolutePath();
    this.work = repo.resolve("target/bench-run/" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC)));
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("baseline-server")) {
      Servers.baselineMain(Integer.parseInt(args[1]));
      return;
    }
    Options o = Options.parse(args);
    Bench bench = new Bench(o);
    int code;
    try {
      code = bench.run();
    } catch (Exception e) {
      e.printStackTrace();
      code = 1;
    } finally {
      bench.cleanUp();
    }
    System.exit(code);
  }

  private void log(String s) {
    System.err.printf("[bench %s] %s%n", DateTimeFormatter.ofPattern("HH:mm:ss").format(ZonedDateTime.now(ZoneOffset.UTC)), s);
  }

  private int run() throws Exception {
    Files.createDirectories(work);
    Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "bench-cleanup"));
    log("work dir " + work);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Context ctx = vertx.getOrCreateContext();

    // ---------------------------------------------------------------- baseline
    double baselineRate = Double.NaN;
    LogHistogram baselineLatency = null;
    if (o.baselineSeconds > 0) {
      int port = freePort();
      Process p = startJava(List.of("-cp", System.getProperty("java.class.path"), "org.voz.bench.Bench", "baseline-server",
          Integer.toString(port)), Map.of(), work.resolve("baseline.log"));
      waitPort(port, 60);
      Driver d = new Driver(vertx, vertx.getOrCreateContext(), o.connections, "http://127.0.0.1:" + port, AUTH_TOKEN, ACCOUNT, FROM);
      List<Driver.Survivor> people = people(d, Math.max(o.connections * 2, 256), "+1333");
      log("baseline: bare Vert.x handler, closed loop, " + o.connections + " in flight, " + o.baselineSeconds + " s");
      long recordAfter = Math.min(3, o.baselineSeconds / 3) * 1_000_000_000L;
      Driver.Result r = await(d.phase(port, people, new Driver.Script[] {MENU_CYCLE}, true, 0, o.connections,
          o.baselineSeconds * 1_000_000_000L, recordAfter, false));
      baselineRate = r.answered2xx / ((r.windowEnd - r.windowStart) / 1e9);
      baselineLatency = r.webhook;
      log(String.format("baseline: %.0f req/s, p99 %.2f ms, errors %d", baselineRate, r.webhook.percentileMs(0.99), r.non2xx + r.failures));
      stop(p);
    }

    // ---------------------------------------------------------------- Redis
    int redisPort = freePort();
    String redisUrl = "redis://127.0.0.1:" + redisPort;
    String redisKind;
    Process redisProc = null;
    Path redisBin = which("redis-server");
    Object embedded = null;
    if (redisBin != null && !o.embeddedRedis) {
      Path dir = work.resolve("redis");
      Files.createDirectories(dir);
      List<String> cmd = new ArrayList<>(List.of(redisBin.toString(), repo.resolve("config/redis.conf").toString(),
          "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--dir", dir.toString(),
          "--appendfsync", o.fsync, "--daemonize", "no", "--protected-mode", "no", "--logfile", ""));
      redisProc = start(cmd, Map.of(), work.resolve("redis.log"));
      waitPort(redisPort, 30);
      redisKind = "system " + bin(redisBin);
    } else {
      org.voz.store.EmbeddedRedis e = org.voz.store.EmbeddedRedis.start(work.resolve("redis"), redisPort);
      embedded = e;
      redisKind = "embedded";
    }
    RedisClient redisClient = RedisClient.create(redisUrl);
    StatefulRedisConnection<String, String> admin = redisClient.connect();
    RedisCommands<String, String> redis = admin.sync();
    if (embedded != null) {
      redis.configSet("appendfsync", o.fsync);
    }
    String redisVersion = infoField(redis.info("server"), "redis_version");
    long redisPid = redisProc != null ? redisProc.pid() : Long.parseLong(infoField(redis.info("server"), "process_id"));
    redisKind += " " + redisVersion + ", appendonly " + redis.configGet("appendonly").get("appendonly")
        + ", appendfsync " + redis.configGet("appendfsync").get("appendfsync");
    log("redis: " + redisKind + " on " + redisUrl);

    // ---------------------------------------------------------------- stub + service
    int stubPort = freePort();
    int vozPort = freePort();
    String publicUrl = "http://127.0.0.1:" + vozPort;
    Driver driver = new Driver(vertx, ctx, o.connections, publicUrl, AUTH_TOKEN, ACCOUNT, FROM);
    await(Servers.startStub(vertx, stubPort, driver));
    byte[] dataKey = Keyring.newKey();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VOZ_HTTP_PORT", Integer.toString(vozPort));
    env.put("VOZ_PUBLIC_URL", publicUrl);
    env.put("REDIS_URL", redisUrl);
    env.put("VOZ_DATA_KEY", Base64.getEncoder().encodeToString(dataKey));
    env.put("VOZ_ADMIN_TOKEN", ADMIN);
    env.put("TWILIO_ACCOUNT_SID", ACCOUNT);
    env.put("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
    env.put("TWILIO_FROM", FROM);
    env.put("TWILIO_API_BASE", "http://127.0.0.1:" + stubPort);
    env.put("VOZ_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + stubPort + "/alerts");
    env.put("VOZ_ALERT_WEBHOOK_SECRET", "bench-alert-secret");
    if (o.vozConfig != null) {
      env.put("VOZ_CONFIG", o.vozConfig);
      notes.add("service configuration from VOZ_CONFIG=" + o.vozConfig);
    }
    List<String> javaArgs = new ArrayList<>();
    if (!o.vozJvmOpts.isBlank()) {
      javaArgs.addAll(List.of(o.vozJvmOpts.trim().split("\\s+")));
    }
    javaArgs.addAll(List.of("-jar", repo.resolve(o.vozJar).toString()));
    Process voz = startJava(javaArgs, env, work.resolve("voz.log"));
    long vozPid = voz.pid();
    waitReady("http://127.0.0.1:" + vozPort + "/health/ready", 120);
    log("voz: pid " + vozPid + " on " + publicUrl + ", twilio stub on " + stubPort);
    long heapStart = liveHeapKb(vozPid);
    long mem0 = usedMemory(redis);

    // ---------------------------------------------------------------- enrolment (real PIN hash)
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    post(http, publicUrl + "/api/v1/staff", "{\"id\":\"cm-bench\",\"role\":\"case_manager\",\"name\":\"Bench\"}", 201);
    List<Driver.Survivor> survivors = people(driver, o.survivors, "+1444");
    log("enrolling " + survivors.size() + " survivors through the staff API (" + o.enrolConcurrency + " at a time)");
    long enrolStart = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(o.enrolConcurrency);
    AtomicInteger enrolled = new AtomicInteger();
    AtomicInteger enrolErrors = new AtomicInteger();
    List<Future<?>> jobs = new ArrayList<>();
    Pattern idPattern = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    for (Driver.Survivor s : survivors) {
      jobs.add(pool.submit(() -> {
        String body = "{\"caseRef\":\"BN-2026-" + s.index + "\",\"language\":\"en\",\"caseManager\":\"cm-bench\","
            + "\"contacts\":[{\"channel\":\"sms\",\"address\":\"" + s.phone + "\"}],\"pin\":\"" + PIN + "\","
            + "\"consents\":[{\"id\":\"c1\",\"data\":\"case-notes\",\"recipient\":\"shelter-casa-esperanza\",\"purpose\":\"referral\",\"until\":\"2027-06-30\",\"status\":\"granted\"},"
            + "{\"id\":\"c2\",\"data\":\"medical\",\"recipient\":\"clinic-norte\",\"purpose\":\"care\",\"until\":\"2027-12-31\",\"status\":\"granted\"}]}";
        try {
          String answer = post(http, publicUrl + "/api/v1/survivors", body, 201);
          Matcher m = idPattern.matcher(answer);
          if (m.find()) {
            s.id = m.group(1);
          }
          int n = enrolled.incrementAndGet();
          if (n % 500 == 0) {
            log("  enrolled " + n);
          }
        } catch (Exception e) {
          if (enrolErrors.incrementAndGet() <= 3) {
            log("  enrol failed: " + e.getMessage());
          }
        }
      }));
    }
    for (Future<?> f : jobs) {
      f.get();
    }
    pool.shutdown();
    double enrolSeconds = (System.nanoTime() - enrolStart) / 1e9;
    double enrolRate = enrolled.get() / enrolSeconds;
    log(String.format("enrolled %d in %.1f s: %.1f/s (%d errors)", enrolled.get(), enrolSeconds, enrolRate, enrolErrors.get()));
    survivors.removeIf(s -> s.id == null);
    long heapEnrolled = liveHeapKb(vozPid);
    long mem1 = usedMemory(redis);

    // ---------------------------------------------------------------- login: every survivor to the menu
    log("login: 'Hi' then the PIN for every survivor (" + o.loginConcurrency + " at a time; real PIN hash)");
    long loginStart = System.nanoTime();
    Driver.Result login = await(driver.phase(vozPort, survivors, new Driver.Script[] {LOGIN}, false, 0, o.loginConcurrency,
        600_000_000_000L, 0, true));
    double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
    long loggedIn = survivors.size() - (login.failures + login.non2xx + login.replyTimeouts);
    log(String.format("login: %d survivors in %.1f s (%.1f/s), errors %s", loggedIn, loginSeconds, loggedIn / loginSeconds, login.errorKinds));
    Thread.sleep(1000);
    long heapSessions = liveHeapKb(vozPid);
    long mem2 = usedMemory(redis);
    List<String> outboxKeys = scan(redis, "voz:{*}:outbox", 100_000);

    // ---------------------------------------------------------------- the load
    log(String.format("load: open loop at %.0f msg/s over %d survivors, %d s warm-up + %d s measured, %d connections",
        o.rate, survivors.size(), o.warmupSeconds, o.durationSeconds, o.connections));
    long warmNanos = o.warmupSeconds * 1_000_000_000L;
    long totalNanos = warmNanos + o.durationSeconds * 1_000_000_000L;
    long phaseStart = System.nanoTime();
    io.vertx.core.Future<Driver.Result> loadFuture = driver.phase(vozPort, survivors, new Driver.Script[] {MENU_CYCLE}, true,
        o.rate, 0, totalNanos, warmNanos, true);
    sleepUntil(phaseStart + warmNanos);
    Cpu cpu0 = Cpu.sample(vozPid, redisPid);
    long stubAt0 = Servers.STUB_MESSAGES.get();
    if (o.jfr) {
      jcmd(vozPid, "JFR.start", "name=bench", "settings=profile", "filename=" + work.resolve("voz.jfr"));
    }
    // sample the outbox every second during the measured window
    Depth depth = new Depth();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    StatefulRedisConnection<String, String> sampleConn = redisClient.connect();
    sampler.scheduleAtFixedRate(() -> depth.sample(sampleConn.sync(), outboxKeys), 0, 1, TimeUnit.SECONDS);
    long[] heapDuring = new long[1];
    sleepUntil(phaseStart + warmNanos + (totalNanos - warmNanos) / 2);
    heapDuring[0] = heapUsedKb(vozPid);
    sleepUntil(phaseStart + totalNanos);
    Cpu cpu1 = Cpu.sample(vozPid, redisPid);
    long stubAt1 = Servers.STUB_MESSAGES.get();
    sampler.shutdown();
    sampler.awaitTermination(5, TimeUnit.SECONDS);
    sampleConn.close();
    if (o.jfr) {
      jcmd(vozPid, "JFR.stop", "name=bench");
    }
    Driver.Result load = await(loadFuture);
    log("load done: " + load.sent + " sent, errors " + load.errorKinds);

    // ---------------------------------------------------------------- memory, idle
    Thread.sleep(2000);
    long mem3 = usedMemory(redis);
    long heapEnd = liveHeapKb(vozPid);
    Keys keys = new Keys("voz", o.partitions);
    Keyring keyring = new Keyring(dataKey);
    long[] sums = new long[5];
    int[] counts = new int[5];
    int sampled = 0;
    for (Driver.Survivor s : survivors) {
      if (sampled++ >= 100) {
        break;
      }
      int p = keys.partitionOf(s.id);
      add(sums, counts, 0, redis.memoryUsage(keys.session(p, s.id)));
      add(sums, counts, 1, redis.memoryUsage(keys.inPartition(p, "survivor", s.id)));
      add(sums, counts, 2, redis.memoryUsage(keys.global("addr", keyring.addressHash("sms", s.phone))));
      add(sums, counts, 3, redis.memoryUsage(keys.ledger(p, s.id)));
    }
    List<String> dedupe = scan(redis, "voz:{0}:dedupe:*", 100);
    for (String k : dedupe) {
      add(sums, counts, 4, redis.memoryUsage(k));
    }
    long expiring = keyspaceField(redis.info("keyspace"), "expires");
    long dbKeys = redis.dbsize();
    String fragmentation = infoField(redis.info("memory"), "mem_fragmentation_ratio");

    // ---------------------------------------------------------------- the table
    double window = (load.windowEnd - load.windowStart) / 1e9;
    double sustained = load.answered2xx / window;
    long errors = load.non2xx + load.failures + load.replyTimeouts;
    double vozCores = cpu1.cores(cpu0, Cpu.VOZ);
    double redisCores = cpu1.cores(cpu0, Cpu.REDIS);
    double benchCores = cpu1.cores(cpu0, Cpu.SELF);
    double allCores = cpu1.cores(cpu0, Cpu.MACHINE);
    int n = survivors.size();

    rows.put("date (UTC)", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(ZonedDateTime.now(ZoneOffset.UTC)));
    rows.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", " + memTotal()
        + ", load avg before " + loadAvg(phaseStart));
    rows.put("redis", redisKind);
    rows.put("service", "java -jar " + o.vozJar + (o.vozJvmOpts.isBlank() ? "" : " " + o.vozJvmOpts)
        + ", log level INFO, 2 HTTP verticles, 16 outbox partitions");
    rows.put("load", String.format("open loop %.0f msg/s, %d survivors, %d connections, %d s warm-up + %d s measured",
        o.rate, n, o.connections, o.warmupSeconds, o.durationSeconds));
    rows.put("-", "");
    rows.put("sustained inbound (webhooks 2xx / s)", f0(sustained) + "   (offered " + f0(o.rate) + ")" + mark(sustained >= o.rate * 0.99 && sustained >= 5000, "target >= 5,000"));
    rows.put("replies at stub / s", f0((stubAt1 - stubAt0) / window));
    rows.put("webhook response p50 / p99 / p99.9 / max (ms)", pcts(load.webhook)
        + mark(load.webhook.percentileMs(0.99) <= 20 && load.webhook.percentileMs(0.999) <= 50, "target p99 <= 20, p99.9 <= 50"));
    rows.put("webhook -> reply at stub p50 / p99 / p99.9 / max (ms)", pcts(load.reply)
        + mark(load.reply.percentileMs(0.99) <= 50, "target p99 <= 50"));
    rows.put("errors (non-2xx / failed / reply lost / unmatched)", load.non2xx + " / " + load.failures + " / " + load.replyTimeouts
        + " / " + load.unmatchedReplies + (load.errorKinds.isEmpty() ? "" : "  " + load.errorKinds));
    rows.put("generator backlog max (due, no free survivor)", Long.toString(load.maxBacklog));
    rows.put("outbox depth avg / max (entries)", f0(depth.avg()) + " / " + depth.max);
    rows.put("outbox oldest entry age avg / max (ms)", f0(depth.avgAge()) + " / " + depth.maxAge);
    rows.put("CPU cores: voz / redis / load tool / others", String.format("%.2f / %.2f / %.2f / %.2f   (machine busy %.2f of %d)",
        vozCores, redisCores, benchCores, Math.max(0, allCores - vozCores - redisCores - benchCores), allCores,
        Runtime.getRuntime().availableProcessors()));
    rows.put("voz CPU per message (ms)", String.format("%.3f", vozCores * 1000 / Math.max(1, sustained)));
    rows.put("voz heap used, mid-run (MB)", f1(heapDuring[0] / 1024.0));
    rows.put("voz live heap after GC: start / enrolled / " + n + " sessions / end (MB)",
        f1(heapStart / 1024.0) + " / " + f1(heapEnrolled / 1024.0) + " / " + f1(heapSessions / 1024.0) + " / " + f1(heapEnd / 1024.0));
    if (!Double.isNaN(baselineRate)) {
      rows.put("baseline: bare Vert.x form handler (req/s, closed loop)", f0(baselineRate) + "   p50/p99 " + f2(baselineLatency.percentileMs(0.5))
          + " / " + f2(baselineLatency.percentileMs(0.99)) + " ms at " + o.connections + " in flight");
      double ratio = sustained / baselineRate;
      rows.put("voz / baseline throughput", String.format("%.1f %%", ratio * 100) + mark(ratio >= 0.30, "target >= 30 %")
          + (sustained >= o.rate * 0.99 ? "  (voz ran at the offered rate: a lower bound)" : ""));
    }
    rows.put("enrolment via API (survivors/s, PBKDF2 210k)", f1(enrolRate) + "   (" + enrolled.get() + " in " + f1(enrolSeconds) + " s, "
        + o.enrolConcurrency + " at a time, " + enrolErrors.get() + " errors)");
    rows.put("login 'Hi' + PIN (survivors/s)", f1(loggedIn / loginSeconds) + "   (" + o.loginConcurrency + " at a time)");
    rows.put("redis used_memory: per enrolled survivor (B)", f0((mem1 - mem0) / (double) n));
    rows.put("redis used_memory: per session after login (B)", f0((mem2 - mem1) / (double) n) + "   (includes 2 dedupe keys each)");
    rows.put("MEMORY USAGE avg: session / record / address (B)", avg(sums, counts, 0) + " / " + avg(sums, counts, 1) + " / " + avg(sums, counts, 2)
        + mark(avg(sums, counts, 0) <= 500, "target session <= 500"));
    rows.put("MEMORY USAGE avg: ledger stream / dedupe key (B)", avg(sums, counts, 3) + " / " + avg(sums, counts, 4)
        + "   (ledger keys " + counts[3] + "/" + Math.min(100, n) + ")");
    long perSurvivor = avg(sums, counts, 0) + avg(sums, counts, 1) + avg(sums, counts, 2);
    rows.put("at 100,000 survivors, extrapolated (MB)", f0(perSurvivor * 100_000 / 1e6) + "   (session + record + address; + "
        + f0(avg(sums, counts, 4) * 1e5 / 1e6) + " MB per 100,000 messages for dedupe keys, kept 7 days)");
    rows.put("redis keys / with TTL / used_memory end (MB) / fragmentation", dbKeys + " / " + expiring + " / " + f1(mem3 / 1e6) + " / " + fragmentation);
    rows.put("twilio stub: messages / alerts", Servers.STUB_MESSAGES.get() + " / " + Servers.STUB_ALERTS.get());

    String table = table();
    System.out.println(table);
    Files.writeString(work.resolve("result.txt"), table);
    if (o.jfr) {
      String profile = Profile.summarise(work.resolve("voz.jfr"), 15);
      System.out.println(profile);
      Files.writeString(work.resolve("profile.txt"), profile);
    }
    log("logs, result and profile in " + work);

    admin.close();
    redisClient.shutdown();
    stop(voz);
    if (embedded != null) {
      ((org.voz.store.EmbeddedRedis) embedded).stop();
    }
    vertx.close();
    return 0;
  }

  // ------------------------------------------------------------------ helpers

  private static String mark(boolean ok, String target) {
    return "   [" + (ok ? "PASS" : "MISS") + " " + target + "]";
  }

  private static String pcts(LogHistogram h) {
    return f2(h.percentileMs(0.5)) + " / " + f2(h.percentileMs(0.99)) + " / " + f2(h.percentileMs(0.999)) + " / " + f2(h.maxMs());
  }

  private static String f0(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static void add(long[] sums, int[] counts, int i, Long v) {
    if (v != null) {
      sums[i] += v;
      counts[i]++;
    }
  }

  private static long avg(long[] sums, int[] counts, int i) {
    return counts[i] == 0 ? 0 : sums[i] / counts[i];
  }

  private String table() {
    int w = rows.keySet().stream().mapToInt(String::length).max().orElse(10) + 2;
    StringBuilder b = new StringBuilder();
    String rule = "-".repeat(Math.min(160, w + 70));
    b.append(rule).append('\n').append("Voz benchmark (issue 6)").append('\n').append(rule).append('\n');
    rows.forEach((k, v) -> {
      if (k.equals("-")) {
        b.append(rule).append('\n');
      } else {
        b.append(String.format("%-" + w + "s%s%n", k, v));
      }
    });
    b.append(rule).append('\n');
    notes.forEach(n -> b.append("note: ").append(n).append('\n'));
    return b.toString();
  }

  private List<Driver.Survivor> people(Driver d, int n, String prefix) {
    List<Driver.Survivor> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Driver.Survivor s = new Driver.Survivor(i, prefix + String.format("%07d", i + 1));
      d.add(s);
      list.add(s);
    }
    return list;
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, Math.min(500, left / 1_000_000)));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void waitPort(int port, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after " + seconds + " s");
  }

  private void waitReady(String url, int seconds) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      }
      for (Process p : children) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a process exited (status " + p.exitValue() + "); see logs in " + work);
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(url + " not ready after " + seconds + " s; see " + work.resolve("voz.log"));
  }

  private static String post(java.net.http.HttpClient http, String url, String json, int expect) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expect) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private Process startJava(List<String> args, Map<String, String> env, Path logFile) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(args);
    return start(cmd, env, logFile);
  }

  private synchronized Process start(List<String> cmd, Map<String, String> env, Path logFile) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
        .redirectOutput(logFile.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("VOZ_") || k.startsWith("TWILIO_") || k.equals("REDIS_URL")
        || k.startsWith("TELEGRAM_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    children.add(p);
    return p;
  }

  private static void stop(Process p) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
    }
  }

  private synchronized void cleanUp() {
    for (int i = children.size() - 1; i >= 0; i--) {
      stop(children.get(i));
    }
    children.clear();
  }

  private static Path which(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static String bin(Path p) {
    return p.getFileName().toString();
  }

  static String exec(List<String> cmd, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      return new String(out, StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "";
    }
  }

  private static String jcmd(long pid, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
    cmd.addAll(List.of(args));
    return exec(cmd, 60);
  }

  private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

  /** Heap in use now (KB), from {@code jcmd GC.heap_info}. */
  private static long heapUsedKb(long pid) {
    Matcher m = HEAP.matcher(jcmd(pid, "GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(2)) : -1;
  }

  /** Heap in use after a full GC (KB): what the service keeps alive. */
  private static long liveHeapKb(long pid) {
    jcmd(pid, "GC.run");
    return heapUsedKb(pid);
  }

  private static long usedMemory(RedisCommands<String, String> redis) {
    return Long.parseLong(infoField(redis.info("memory"), "used_memory"));
  }

  private static String infoField(String info, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).trim();
      }
    }
    return "";
  }

  private static long keyspaceField(String info, String field) {
    Matcher m = Pattern.compile(field + "=(\\d+)").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static List<String> scan(RedisCommands<String, String> redis, String match, int limit) {
    List<String> found = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(match).limit(1000));
      found.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished() && found.size() < limit);
    return found.size() > limit ? found.subList(0, limit) : found;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException ignored) {
      // not Linux
    }
    return "?";
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format("%.1f GiB RAM", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException ignored) {
      // not Linux
    }
    return "?";
  }

  private String loadAvgBefore = null;

  private String loadAvg(long unused) {
    if (loadAvgBefore == null) {
      try {
        loadAvgBefore = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
      } catch (IOException e) {
        loadAvgBefore = "?";
      }
    }
    return loadAvgBefore;
  }

  /** Outbox depth and oldest-entry age, sampled every second from Redis. */
  static final class Depth {
    long samples;
    long sum;
    long max;
    long ageSum;
    long maxAge;

    synchronized void sample(RedisCommands<String, String> redis, List<String> outboxKeys) {
      try {
        long total = 0;
        long oldest = Long.MAX_VALUE;
        for (String k : outboxKeys) {
          total += redis.xlen(k);
          var first = redis.xrange(k, Range.create("-", "+"), io.lettuce.core.Limit.from(1));
          if (!first.isEmpty()) {
            oldest = Math.min(oldest, Long.parseLong(first.get(0).getId().split("-")[0]));
          }
        }
        long age = oldest == Long.MAX_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
        samples++;
        sum += total;
        max = Math.max(max, total);
        ageSum += age;
        maxAge = Math.max(maxAge, age);
      } catch (RuntimeException e) {
        // a missed sample
      }
    }

    synchronized double avg() {
      return samples == 0 ? 0 : sum / (double) samples;
    }

    synchronized double avgAge() {
      return samples == 0 ? 0 : ageSum / (double) samples;
    }
  }

  /** CPU ticks of the service, Redis, this process and the whole machine. */
  static final class Cpu {
    static final int VOZ = 0;
    static final int REDIS = 1;
    static final int SELF = 2;
    static final int MACHINE = 3;
    final long nanos = System.nanoTime();
    final long[] ticks = new long[4];

    static Cpu sample(long vozPid, long redisPid) {
      Cpu c = new Cpu();
      c.ticks[VOZ] = procTicks(vozPid);
      c.ticks[REDIS] = procTicks(redisPid);
      c.ticks[SELF] = procTicks(ProcessHandle.current().pid());
      c.ticks[MACHINE] = machineBusyTicks();
      return c;
    }

    double cores(Cpu before, int which) {
      return (ticks[which] - before.ticks[which]) / 100.0 / ((nanos - before.nanos) / 1e9);
    }

    /** utime + stime of a process, in clock ticks (USER_HZ = 100 on Linux). */
    static long procTicks(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (Exception e) {
        return 0;
      }
    }

    static long machineBusyTicks() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length; i++) {
          if (i != 4 && i != 5 && i <= 8) { // not idle, iowait; guest is already in user
            busy += Long.parseLong(f[i]);
          }
        }
        return busy;
      } catch (Exception e) {
        return 0;
      }
    }
  }
}
