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
import java.util.Arrays;
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

  /** On Telegram the survivor opens the enrolment link (/start <code>: links the chat, answers the PIN prompt). */
  static final Driver.Script LOGIN = new Driver.Script(
      new String[] {"Hi", PIN},
      new String[] {"Hi. Reply with your PIN", "What would you like to do?"},
      new Driver.Script(new String[] {Driver.Script.START, PIN},
          new String[] {"Hi. Reply with your PIN", "What would you like to do?"}));
  /**
   * After the PIN, from the menu: what they share (which then waits for a pick), MENU, the data text (which then
   * offers erasure and waits for a pick), HELP, MENU; every reply is one outbox entry. The replies are matched by
   * how they start.
   */
  static final Driver.Script MENU_CYCLE = new Driver.Script(
      new String[] {"1", "MENU", "3", "HELP", "MENU"},
      new String[] {"What you share", "What would you like to do?", "We keep your data", "Reply MENU",
          "What would you like to do?"});

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
    cpuYardstick = cpuYardstick();
    log("CPU yardstick: " + cpuYardstick);
    int pinIterations = org.voz.app.Config.load(Map.of("VOZ_CONFIG", o.vozConfig != null ? o.vozConfig
        : repo.resolve("bench/voz-bench.yaml").toString())).security().pinHashIterations();
    String pinCheck = PinCheckCost.measure(pinIterations, 9);
    log("PIN check: " + pinCheck);

    // ---------------------------------------------------------------- baseline (again after the load)
    double baselineRate = Double.NaN;
    LogHistogram baselineLatency = null;
    Driver.Result baselineBefore = null;
    if (o.baselineSeconds > 0) {
      baselineBefore = baseline(vertx, "before");
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
          "--appendfsync", o.fsyncModes[0], "--daemonize", "no", "--protected-mode", "no", "--logfile", ""));
      redisProc = start(cmd, Map.of(), work.resolve("redis.log"));
      waitPort(redisPort, 30);
      redisKind = "system " + bin(redisBin);
    } else {
      org.voz.store.EmbeddedRedis e = org.voz.store.EmbeddedRedis.start(work.resolve("redis"), redisPort);
      embedded = e;
      embeddedRedis = e;
      redisKind = "embedded";
    }
    RedisClient redisClient = RedisClient.create(redisUrl);
    StatefulRedisConnection<String, String> admin = redisClient.connect();
    RedisCommands<String, String> redis = admin.sync();
    if (embedded != null) {
      redis.configSet("appendfsync", o.fsyncModes[0]);
    }
    String redisVersion = infoField(redis.info("server"), "redis_version");
    long redisPid = redisProc != null ? redisProc.pid() : Long.parseLong(infoField(redis.info("server"), "process_id"));
    redisKind += " " + redisVersion + ", appendonly " + redis.configGet("appendonly").get("appendonly")
        + ", appendfsync " + String.join(" then ", o.fsyncModes)
        + ", hash-max-listpack-value " + redis.configGet("hash-max-ziplist-value").values().stream().findFirst().orElse("?");
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
    env.put("TELEGRAM_BOT_TOKEN", Telegram.BOT_TOKEN);
    env.put("TELEGRAM_WEBHOOK_SECRET", Telegram.SECRET);
    env.put("TELEGRAM_API_BASE", "http://127.0.0.1:" + stubPort);
    String vozConfig = o.vozConfig != null ? o.vozConfig : repo.resolve("bench/voz-bench.yaml").toString();
    if (o.fanoutRate > 0) {
      vozConfig = withInvitationRate(Path.of(vozConfig), o.fanoutRate).toString();
    }
    env.put("VOZ_CONFIG", vozConfig);
    notes.add("service configuration from VOZ_CONFIG=" + vozConfig);
    List<String> javaArgs = new ArrayList<>();
    javaArgs.add("-Xlog:gc:file=" + work.resolve("voz-gc.log"));
    if (!o.vozJvmOpts.isBlank()) {
      javaArgs.addAll(List.of(o.vozJvmOpts.trim().split("\\s+")));
    }
    javaArgs.addAll(List.of("-jar", repo.resolve(o.vozJar).toString()));
    Process voz = startJava(javaArgs, env, work.resolve("voz.log"));
    long vozPid = voz.pid();
    waitReady("http://127.0.0.1:" + vozPort + "/health/ready", 120);
    log("voz: pid " + vozPid + " on " + publicUrl + ", twilio stub on " + stubPort);
    long heapStart = liveHeapKb(vozPid);
    loadAvgAtStart = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
    long mem0 = usedMemory(redis);

    // ---------------------------------------------------------------- enrolment (real PIN hash)
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    post(http, publicUrl + "/api/v1/staff", "{\"id\":\"cm-bench\",\"role\":\"case_manager\",\"name\":\"Bench\"}", 201);
    List<Driver.Survivor> survivors = people(driver, o.survivors, "+1444", o.telegramShare);
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
            + "\"contacts\":[" + s.contactJson() + "],\"pin\":\"" + PIN + "\","
            + "\"consents\":[{\"id\":\"c1\",\"data\":\"case-notes\",\"recipient\":\"shelter-casa-esperanza\",\"purpose\":\"referral\",\"until\":\"2027-06-30\",\"status\":\"granted\"},"
            + "{\"id\":\"c2\",\"data\":\"medical\",\"recipient\":\"clinic-norte\",\"purpose\":\"care\",\"until\":\"2027-12-31\",\"status\":\"granted\"}]}";
        try {
          String answer = post(http, publicUrl + "/api/v1/survivors", body, 201);
          Matcher m = idPattern.matcher(answer);
          if (m.find()) {
            s.id = m.group(1);
          }
          Matcher link = LINK_CODE.matcher(answer);
          s.linkCode = link.find() ? link.group(1) : null;
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
    log("login: 'Hi' (on Telegram '/start <code>') then the PIN for every survivor (" + o.loginConcurrency + " at a time; real PIN hash)");
    long loginStart = System.nanoTime();
    // no time limit: every survivor must be at the menu before the load (10,000 take about 6 min here)
    Driver.Result login = await(driver.phase(vozPort, survivors, new Driver.Script[] {LOGIN}, false, 0, o.loginConcurrency,
        24 * 3_600_000_000_000L, 0, true));
    double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
    long loggedIn = survivors.stream().filter(s -> s.pos == s.script.sends.length).count();
    if (loggedIn < survivors.size()) {
      log("  " + (survivors.size() - loggedIn) + " survivors did not reach the menu: their messages will not be matched");
    }
    log(String.format("login: %d survivors in %.1f s (%.1f/s), errors %s", loggedIn, loginSeconds, loggedIn / loginSeconds, login.errorKinds));
    Thread.sleep(1000);
    long heapSessions = liveHeapKb(vozPid);
    long mem2 = usedMemory(redis);
    List<String> outboxKeys = scan(redis, "voz:{*}:outbox", 100_000);

    // ---------------------------------------------------------------- the load, at each rate
    List<Run> runs = new ArrayList<>();
    int columns = o.rates.length * o.fsyncModes.length;
    for (int i = 0; i < columns; i++) {
      String fsync = o.fsyncModes[i / o.rates.length];
      if (i > 0) {
        drain(redis, outboxKeys);
      }
      redis.configSet("appendfsync", fsync);
      Run run = load(driver, vozPort, vozPid, redisPid, redisClient, redis, survivors, outboxKeys, o.rates[i % o.rates.length],
          o.jfr && i == 0, o.jfr && i == o.rates.length - 1);
      run.fsync = fsync;
      runs.add(run);
    }
    redis.configSet("appendfsync", o.fsyncModes[0]);

    // ---------------------------------------------------------------- voz flat out, as the baseline ran
    Driver.Result max = null;
    if (o.baselineSeconds > 0) {
      drain(redis, outboxKeys);
      log("voz flat out (appendfsync " + o.fsyncModes[0] + "): closed loop, " + o.connections + " in flight, " + o.baselineSeconds + " s (as the baseline)");
      max = await(driver.phase(vozPort, survivors, new Driver.Script[] {MENU_CYCLE}, true, 0, o.connections,
          o.baselineSeconds * 1_000_000_000L, Math.min(5, o.baselineSeconds / 3) * 1_000_000_000L, true));
      keepUnmatched("flat-out", max);
      log(String.format("voz flat out: %.0f msg/s, errors %s, unmatched replies %d", rate(max), max.errorKinds, max.unmatchedReplies));
    }

    // the baseline again, after Voz (now idle): other people's builds come and go, so the better of the
    // two runs is the baseline, and both are shown
    Driver.Result baselineAfter = null;
    if (o.baselineSeconds > 0) {
      baselineAfter = baseline(vertx, "after");
      Driver.Result best = rate(baselineAfter) > rate(baselineBefore) ? baselineAfter : baselineBefore;
      baselineRate = rate(best);
      baselineLatency = best.webhook;
    }

    // ---------------------------------------------------------------- memory, idle
    Thread.sleep(2000);
    long mem3 = usedMemory(redis);
    long heapEnd = liveHeapKb(vozPid);
    Keys keys = new Keys("voz", o.partitions);
    Keyring keyring = new Keyring(dataKey);
    long[] sums = new long[8];
    int[] counts = new int[8];
    int sampled = 0;
    String encoding = "";
    for (Driver.Survivor s : survivors) {
      if (sampled++ >= 100) {
        break;
      }
      int p = keys.partitionOf(s.id);
      // the session hash holds v, the sealed session (blob) and the sealed record under one version: the
      // record's share is what the same hash takes without the blob (a survivor who never wrote), the
      // session's share is the rest; each part is measured with MEMORY USAGE of a copy (same encoding)
      String key = keys.session(p, s.id);
      Map<String, String> fields = redis.hgetall(key);
      Long whole = redis.memoryUsage(key);
      encoding = redis.objectEncoding(key);
      String copy = "bench:copy:{" + p + "}";
      redis.del(copy);
      redis.hset(copy, Map.of("v", fields.getOrDefault("v", "0"), "record", fields.getOrDefault("record", "")));
      Long recordPart = redis.memoryUsage(copy);
      redis.del(copy);
      if (fields.containsKey("blob")) {
        redis.hset(copy, Map.of("v", fields.getOrDefault("v", "0"), "blob", fields.get("blob")));
        add(sums, counts, 5, redis.memoryUsage(copy));
        redis.del(copy);
      }
      add(sums, counts, 0, whole == null || recordPart == null ? null : whole - recordPart);
      add(sums, counts, 1, recordPart);
      add(sums, counts, 2, redis.memoryUsage(keys.global("addr", keyring.addressHash(s.chat != null ? "telegram" : "sms", s.address()))));
      if (s.chat != null) {
        add(sums, counts, 6, redis.memoryUsage(keys.inPartition(p, "shown", s.id)));
        add(sums, counts, 7, redis.zcard(keys.inPartition(p, "shown", s.id)));
      }
      add(sums, counts, 3, redis.memoryUsage(keys.ledger(p, s.id)));
    }
    List<String> dedupe = scan(redis, "voz:{0}:dedupe:*", 100);
    for (String k : dedupe) {
      add(sums, counts, 4, redis.memoryUsage(k));
    }
    long expiring = keyspaceField(redis.info("keyspace"), "expires");
    long dbKeys = redis.dbsize();
    String fragmentation = infoField(redis.info("memory"), "mem_fragmentation_ratio");

    // ---------------------------------------------------------------- campaign fan-out (after the load, on its own)
    FanOut fan = o.fanout > 0 ? fanOut(vertx, env, dataKey, http, publicUrl, redis, keys, keyring, vozPid) : null;

    // ---------------------------------------------------------------- the table
    String cpuYardstickEnd = cpuYardstick(); // the same cores can be much slower an hour later: both are shown
    log("CPU yardstick at the end: " + cpuYardstickEnd);
    final double baseline = baselineRate;
    int n = survivors.size();
    Run last = runs.get(runs.size() - 1);
    rows.put("date (UTC)", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(ZonedDateTime.now(ZoneOffset.UTC)));
    rows.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", " + memTotal()
        + ", load avg at start " + loadAvgAtStart);
    rows.put("CPU yardstick at start (nothing else running)", cpuYardstick);
    rows.put("CPU yardstick at the end (service idle)", cpuYardstickEnd);
    rows.put("redis", redisKind);
    rows.put("service", "java -jar " + o.vozJar + (o.vozJvmOpts.isBlank() ? "" : " " + o.vozJvmOpts)
        + " (log level INFO, config/application.yaml defaults)");
    long onTelegram = survivors.stream().filter(s -> s.chat != null).count();
    rows.put("load", String.format("open loop, %d survivors (%d on Telegram) cycling 1 / MENU / 3 / HELP / MENU after the PIN, %d connections, %d s warm-up + %d s measured per rate",
        n, onTelegram, o.connections, o.warmupSeconds, o.durationSeconds));
    rows.put("-", "");
    grid.put("offered rate (msg/s)", map(runs, r -> f0(r.rate)));
    grid.put("redis appendfsync", map(runs, r -> r.fsync));
    grid.put("sustained inbound (webhooks 2xx/s)", map(runs, r -> f0(r.sustained())));
    grid.put("replies at stub (/s)", map(runs, r -> f0(r.stubRate())));
    grid.put("webhook p50/p99/p99.9 ms", map(runs, r -> pcts3(r.result.webhook)));
    grid.put("reply at stub p50/p99/p99.9 ms", map(runs, r -> pcts3(r.result.reply)));
    if (onTelegram > 0) {
      grid.put("messages SMS / Telegram (webhooks 2xx)", map(runs, r -> r.result.webhookBy[Driver.SMS].count() + " / " + r.result.webhookBy[Driver.TELEGRAM].count()));
      grid.put("webhook p99 SMS / Telegram ms", map(runs, r -> f1(r.result.webhookBy[Driver.SMS].percentileMs(0.99)) + " / "
          + f1(r.result.webhookBy[Driver.TELEGRAM].percentileMs(0.99))));
      grid.put("SMS reply at stub p50/p99/p99.9 ms", map(runs, r -> pcts3(r.result.replyBy[Driver.SMS])));
      grid.put("Telegram reply at stub p50/p99/p99.9 ms", map(runs, r -> pcts3(r.result.replyBy[Driver.TELEGRAM])));
    }
    grid.put("max webhook / reply ms", map(runs, r -> f0(r.result.webhook.maxMs()) + " / " + f0(r.result.reply.maxMs())));
    grid.put("errors (non2xx/failed/lost)", map(runs, r -> r.result.non2xx + "/" + r.result.failures + "/" + r.result.replyTimeouts));
    grid.put("replies not matched", map(runs, r -> Long.toString(r.result.unmatchedReplies)));
    grid.put("generator backlog max / never sent", map(runs, r -> r.result.maxBacklog + " / " + r.result.backlogAtEnd));
    grid.put("outbox depth avg/max", map(runs, r -> f0(r.depth.avg()) + " / " + r.depth.max));
    grid.put("outbox oldest age avg/max ms", map(runs, r -> f0(r.depth.avgAge()) + " / " + r.depth.maxAge));
    grid.put("CPU voz/redis/tool/others", map(runs, r -> String.format(Locale.ROOT, "%.2f/%.2f/%.2f/%.2f", r.cores(Cpu.VOZ),
        r.cores(Cpu.REDIS), r.cores(Cpu.SELF), Math.max(0, r.cores(Cpu.MACHINE) - r.cores(Cpu.VOZ) - r.cores(Cpu.REDIS) - r.cores(Cpu.SELF)))));
    grid.put("voz CPU ms per message", map(runs, r -> String.format(Locale.ROOT, "%.3f", r.cores(Cpu.VOZ) * 1000 / Math.max(1, r.sustained()))));
    grid.put("redis commands per message", map(runs, r -> r.commandsPerMessage(false)));
    grid.put("voz heap used mid-run MB", map(runs, r -> f0(r.heapMidKb / 1024.0)));
    if (!Double.isNaN(baselineRate)) {
      grid.put("voz / baseline throughput", map(runs, r -> String.format(Locale.ROOT, "%.1f %%", 100 * r.sustained() / baseline)));
    }
    grid.put("issue-6 targets (see below)", map(runs, r -> r.verdict(baseline)));
    rows.put("redis commands per message at " + f0(last.rate) + "/s", last.commandsPerMessage(true));
    rows.put("voz live heap after GC: start / enrolled / " + n + " sessions / end (MB)",
        f1(heapStart / 1024.0) + " / " + f1(heapEnrolled / 1024.0) + " / " + f1(heapSessions / 1024.0) + " / " + f1(heapEnd / 1024.0));
    if (!Double.isNaN(baselineRate)) {
      rows.put("baseline: bare Vert.x form handler, own JVM (req/s)", f0(baselineRate) + "   better of before/after the load ("
          + f0(rate(baselineBefore)) + " / " + f0(rate(baselineAfter)) + "), closed loop, " + o.connections + " in flight, p50/p99 " + f2(baselineLatency.percentileMs(0.5)) + " / " + f2(baselineLatency.percentileMs(0.99)) + " ms");
    }
    if (max != null) {
      double maxRate = max.completedInWindow / ((max.windowEnd - max.windowStart) / 1e9);
      rows.put("voz flat out: closed loop (msg/s)", f0(maxRate) + (max.errorKinds.isEmpty() ? "" : "   ERRORS " + max.errorKinds)
          + "   " + o.connections + " in flight, webhook p50/p99 "
          + f2(max.webhook.percentileMs(0.5)) + " / " + f2(max.webhook.percentileMs(0.99)) + " ms, reply p99 "
          + f2(max.reply.percentileMs(0.99)) + " ms, errors " + (max.non2xx + max.failures + max.replyTimeouts)
          + (Double.isNaN(baselineRate) ? "" : String.format(Locale.ROOT, "; %.1f %% of the baseline", 100 * maxRate / baselineRate)
          + mark(maxRate >= 0.3 * baselineRate, "target >= 30 %")));
    }
    rows.put("PIN check (PinHasher.matches; measured before the service started)", pinCheck);
    rows.put("enrolment via API (survivors/s, PBKDF2 " + pinIterations / 1000 + "k)", f1(enrolRate) + "   (" + enrolled.get() + " in " + f1(enrolSeconds) + " s, "
        + o.enrolConcurrency + " at a time, " + enrolErrors.get() + " errors)");
    rows.put("login 'Hi' (Telegram: /start <code>) + PIN (survivors/s)", f1(loggedIn / loginSeconds) + "   (" + o.loginConcurrency + " at a time)");
    rows.put("redis used_memory: per enrolled survivor (B)", f0((mem1 - mem0) / (double) n));
    rows.put("redis used_memory: per session after login (B)", f0((mem2 - mem1) / (double) n) + "   (includes 2 dedupe keys each)");
    rows.put("MEMORY USAGE avg: idle session / survivor record / address (B)", avg(sums, counts, 0) + " / " + avg(sums, counts, 1) + " / " + avg(sums, counts, 2)
        + mark(counts[0] > 0 && avg(sums, counts, 0) <= 500, "target session <= 500")
        + "   (one hash " + encoding + ": session = hash - (v + record); the session alone as its own hash: " + avg(sums, counts, 5) + ")");
    rows.put("MEMORY USAGE avg: ledger stream / dedupe key (B)", avg(sums, counts, 3) + " / " + avg(sums, counts, 4)
        + "   (ledger keys " + counts[3] + "/" + Math.min(100, n) + ")");
    if (counts[7] > 0) {
      rows.put("MEMORY USAGE avg: Telegram shown-messages set (B)", avg(sums, counts, 6) + "   (" + avg(sums, counts, 7)
          + " message ids each: every sensitive reply and the message it answered, kept 47 h; " + counts[7] + " Telegram survivors sampled)");
    }
    rows.put("telegram stub: sendMessage / deleteMessages / other bot calls", Telegram.SENT.get() + " / " + Telegram.DELETES.get()
        + " / " + Telegram.OTHER_CALLS.get());
    long perSurvivor = avg(sums, counts, 0) + avg(sums, counts, 1) + avg(sums, counts, 2);
    if (fan == null) {
      rows.put("at 100,000 survivors, extrapolated (MB)", f0(perSurvivor * 100_000 / 1e6) + "   (session + record + address; + "
          + f0(avg(sums, counts, 4) * 1e5 / 1e6) + " MB per 100,000 messages for dedupe keys, kept dedupe.ttl)");
    } else {
      rows.put("at " + f0(fan.seeded) + " survivors, seeded (MB; B each)", fan.memoryRow());
    }
    rows.put("redis keys / with TTL / used_memory end (MB) / fragmentation", dbKeys + " / " + expiring + " / " + f1(mem3 / 1e6) + " / " + fragmentation);
    if (fan == null) {
      rows.put("campaign fan-out", "not measured (--fanout 0)");
    } else {
      rows.put("fan-out: seeding (survivors/s)", fan.seedRow());
      rows.put("fan-out: " + f0(fan.seeded) + " invitations queued (s)", fan.queuedRow());
      rows.put("fan-out: invitations at the stub (/s)", fan.rateRow());
    }
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
    cleanUp();
    vertx.close();
    return 0;
  }

  // ------------------------------------------------------------------ helpers

  /** The bare handler in its own JVM, driven flat out for --baseline. */
  private Driver.Result baseline(Vertx vertx, String when) throws Exception {
    int port = freePort();
    Process p = startJava(List.of("-cp", System.getProperty("java.class.path"), "org.voz.bench.Bench", "baseline-server",
        Integer.toString(port)), Map.of(), work.resolve("baseline-" + when + ".log"));
    try {
      waitPort(port, 60);
      Driver d = new Driver(vertx, vertx.getOrCreateContext(), o.connections, "http://127.0.0.1:" + port, AUTH_TOKEN, ACCOUNT, FROM);
      List<Driver.Survivor> people = people(d, Math.max(o.connections * 2, 256), "+1333", 0);
      log("baseline (" + when + "): bare Vert.x handler, closed loop, " + o.connections + " in flight, " + o.baselineSeconds + " s");
      long recordAfter = Math.min(5, o.baselineSeconds / 3) * 1_000_000_000L;
      Driver.Result r = await(d.phase(port, people, new Driver.Script[] {MENU_CYCLE}, true, 0, o.connections,
          o.baselineSeconds * 1_000_000_000L, recordAfter, false));
      log(String.format("baseline (%s): %.0f req/s, p99 %.2f ms, errors %d", when, rate(r), r.webhook.percentileMs(0.99),
          r.non2xx + r.failures));
      return r;
    } finally {
      stopChild(p);
    }
  }

  /** What the fan-out phase measured. */
  static final class FanOut {
    int seeded;
    double seedSeconds;
    long memBefore;
    long memAfter;
    long[] usage = new long[3]; // MEMORY USAGE averages: survivor hash, address key, ledger stream
    int sampled;
    double queuedSeconds = Double.NaN;
    long invited;
    int configuredRate;
    long sentAtStub;
    double meanRate = Double.NaN;
    long minPerSecond;
    long maxPerSecond;
    int windowSeconds;

    String memoryRow() {
      double each = (memAfter - memBefore) / (double) seeded;
      long keys = usage[0] + usage[1] + usage[2];
      return f1((memAfter - memBefore) / 1e6) + " MB used_memory delta = " + f0(each) + " B per survivor   (MEMORY USAGE avg of "
          + sampled + ": survivor hash (v, record, fresh session) " + usage[0] + " + address " + usage[1] + " + ledger " + usage[2] + " = " + keys
          + " B; the rest: cohort set, caseload, expiry index, link code)";
    }

    String seedRow() {
      return f0(seeded / seedSeconds) + "   (" + f0(seeded) + " in " + f1(seedSeconds)
          + " s, in-process with the service's enrolment code, one real PIN hash shared)";
    }

    String queuedRow() {
      return Double.isNaN(queuedSeconds)
          ? "not all queued: invited " + invited + " of " + seeded + mark(false, "target < 30 s")
          : f1(queuedSeconds) + "   (campaign start -> progress invited = " + f0(seeded) + ")" + mark(queuedSeconds < 30, "target < 30 s");
    }

    String rateRow() {
      if (Double.isNaN(meanRate)) {
        return "not measured: " + sentAtStub + " invitations reached the stub";
      }
      boolean ok = Math.abs(meanRate - configuredRate) <= 0.02 * configuredRate;
      return f1(meanRate) + " mean, per second min/max " + minPerSecond + " / " + maxPerSecond + " over " + windowSeconds
          + " s; configured " + configuredRate + "/s; " + sentAtStub + " of " + seeded + " sent"
          + mark(ok && windowSeconds >= 30, "target mean within +-2 % over >= 30 s");
    }
  }

  /**
   * The campaign fan-out phase: seeds --fanout survivors in the feedback cohort (BenchSeeder), measures their
   * Redis memory, creates a campaign starting now through the staff API, times until all are invited
   * (progress), and counts the invitations reaching the stub per second against feedback.invitations.perSecond.
   */
  private FanOut fanOut(Vertx vertx, Map<String, String> env, byte[] dataKey, java.net.http.HttpClient http, String publicUrl,
      RedisCommands<String, String> redis, Keys keys, Keyring keyring, long vozPid) throws Exception {
    FanOut f = new FanOut();
    f.configuredRate = org.voz.app.Config.load(env).feedback().invitations().perSecond();
    log("fan-out: seeding " + o.fanout + " survivors in the feedback cohort (in-process, the service's enrolment code)");
    f.memBefore = usedMemory(redis);
    long seedStart = System.nanoTime();
    List<String> ids = BenchSeeder.seed(vertx, env, dataKey, o.fanout, Servers.SEEDED_PREFIX, "cm-bench", PIN, 64,
        k -> log("  seeded " + k));
    f.seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    f.seeded = ids.size();
    Thread.sleep(1000);
    f.memAfter = usedMemory(redis);
    long[] sums = new long[3];
    for (int i = 0; i < Math.min(100, ids.size()); i++) {
      String id = ids.get(i);
      int p = keys.partitionOf(id);
      Long record = redis.memoryUsage(keys.session(p, id));
      Long address = redis.memoryUsage(keys.global("addr", keyring.addressHash("sms", Servers.SEEDED_PREFIX + String.format("%07d", i + 1))));
      Long ledger = redis.memoryUsage(keys.ledger(p, id));
      sums[0] += record == null ? 0 : record;
      sums[1] += address == null ? 0 : address;
      sums[2] += ledger == null ? 0 : ledger;
      f.sampled++;
    }
    for (int i = 0; i < 3; i++) {
      f.usage[i] = f.sampled == 0 ? 0 : sums[i] / f.sampled;
    }
    log(String.format("fan-out: seeded %d in %.1f s; %s", f.seeded, f.seedSeconds, f.memoryRow()));

    Servers.SEEDED_PER_SECOND.clear();
    if (o.jfr) {
      jcmd(vozPid, "JFR.start", "name=fanout", "settings=profile", "filename=" + work.resolve("voz-fanout.jfr"));
    }
    java.time.Instant start = java.time.Instant.now();
    long t0 = System.nanoTime();
    post(http, publicUrl + "/api/v1/campaigns", "{\"id\":\"bench-fanout\",\"surveyId\":\"exit\",\"startAt\":\"" + start
        + "\",\"closesAt\":\"" + start.plus(Duration.ofDays(10)) + "\",\"quietHours\":{\"from\":\"00:00\",\"to\":\"00:00\"}}", 201);
    log("fan-out: campaign bench-fanout starts now; invitations sent at " + f.configuredRate + "/s");
    Pattern invited = Pattern.compile("\"invited\"\\s*:\\s*(\\d+)");
    long deadline = t0 + 600_000_000_000L;
    long lastLog = 0;
    while (System.nanoTime() < deadline) {
      Matcher m = invited.matcher(get(http, publicUrl + "/api/v1/campaigns/bench-fanout"));
      f.invited = m.find() ? Long.parseLong(m.group(1)) : 0;
      if (f.invited >= f.seeded) {
        f.queuedSeconds = (System.nanoTime() - t0) / 1e9;
        break;
      }
      if (System.nanoTime() - lastLog > 5_000_000_000L) {
        lastLog = System.nanoTime();
        log("  invited " + f.invited);
      }
      Thread.sleep(100);
    }
    log(String.format("fan-out: %d invited in %.1f s", f.invited, f.queuedSeconds));
    if (o.jfr) {
      jcmd(vozPid, "JFR.stop", "name=fanout");
      Files.writeString(work.resolve("profile-fanout.txt"), Profile.summarise(work.resolve("voz-fanout.jfr"), 25));
      log("fan-out: the service's profile while queueing in profile-fanout.txt");
    }

    // the sends: until all reached the stub, or well past the time they should take
    long sendDeadline = t0 + (long) ((f.seeded / (double) f.configuredRate) * 1.2e9) + 60_000_000_000L;
    while (System.nanoTime() < sendDeadline && sentAtStub() < f.seeded) {
      Thread.sleep(1000);
      log("  invitations at the stub " + sentAtStub());
    }
    f.sentAtStub = sentAtStub();
    // the full seconds between the first and the last one (the first and last are partial)
    java.util.TreeMap<Long, Long> perSecond = new java.util.TreeMap<>();
    Servers.SEEDED_PER_SECOND.forEach((second, n) -> perSecond.put(second, n.get()));
    if (perSecond.size() >= 3) {
      List<Long> full = new ArrayList<>();
      for (long sec = perSecond.firstKey() + 1; sec < perSecond.lastKey(); sec++) {
        full.add(perSecond.getOrDefault(sec, 0L));
      }
      f.windowSeconds = full.size();
      f.meanRate = full.stream().mapToLong(Long::longValue).sum() / (double) full.size();
      f.minPerSecond = full.stream().mapToLong(Long::longValue).min().orElse(0);
      f.maxPerSecond = full.stream().mapToLong(Long::longValue).max().orElse(0);
      StringBuilder csv = new StringBuilder("second,invitations\n");
      perSecond.forEach((sec, n) -> csv.append(sec).append(',').append(n).append('\n'));
      Files.writeString(work.resolve("fanout-per-second.csv"), csv.toString());
    }
    log("fan-out: " + f.rateRow());
    return f;
  }

  private static long sentAtStub() {
    return Servers.SEEDED_PER_SECOND.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** A copy of the service's config file with feedback.invitations.perSecond set to {@code rate}. */
  private Path withInvitationRate(Path config, int rate) throws IOException {
    String yaml = Files.readString(config);
    Matcher m = Pattern.compile("(?m)^(\\s+perSecond:\\s*)\\d+").matcher(yaml);
    if (!m.find()) {
      throw new IllegalArgumentException("--fanout-rate: " + config + " sets no feedback.invitations.perSecond");
    }
    Path copy = work.resolve("voz-config.yaml");
    Files.writeString(copy, m.replaceFirst("$1" + rate));
    return copy;
  }

  /** Waits (up to 30 s) until every outbox entry is delivered, so that one column does not pay for the last. */
  private void drain(RedisCommands<String, String> redis, List<String> outboxKeys) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    long left;
    do {
      Thread.sleep(500);
      left = outboxKeys.stream().mapToLong(redis::xlen).sum();
    } while (left > 0 && System.nanoTime() < end);
    if (left > 0) {
      log("  " + left + " outbox entries still undelivered after 30 s; going on");
    }
    Thread.sleep(1000);
  }

  /** Writes the first unmatched replies of a phase to unmatched-<phase>.txt (none: no file). */
  private void keepUnmatched(String phase, Driver.Result r) throws IOException {
    if (!r.unmatched.isEmpty()) {
      Files.writeString(work.resolve("unmatched-" + phase + ".txt"), String.join("\n", r.unmatched) + "\n");
      log("  " + r.unmatchedReplies + " replies not matched in " + phase + "; the first ones in unmatched-" + phase + ".txt");
    }
  }

  private static double rate(Driver.Result r) {
    return r.completedInWindow / ((r.windowEnd - r.windowStart) / 1e9);
  }

  /** One rate of the load: a warm-up, then the measured window. */
  private Run load(Driver driver, int vozPort, long vozPid, long redisPid, RedisClient redisClient, RedisCommands<String, String> redis,
      List<Driver.Survivor> survivors, List<String> outboxKeys, double rate, boolean startJfr, boolean stopJfr) throws Exception {
    log(String.format("load: open loop at %.0f msg/s over %d survivors, %d s warm-up + %d s measured, %d connections",
        rate, survivors.size(), o.warmupSeconds, o.durationSeconds, o.connections));
    Run run = new Run();
    run.rate = rate;
    long warmNanos = o.warmupSeconds * 1_000_000_000L - o.warmupSeconds * 1_000_000_000L / 2;
    long totalNanos = warmNanos + o.durationSeconds * 1_000_000_000L;
    if (startJfr) {
      jcmd(vozPid, "JFR.start", "name=bench", "settings=profile", "filename=" + work.resolve("voz.jfr"));
    }
    // warm-up in two steps: the first half at half the rate (its own phase, drained), the second half at
    // the full rate, unmeasured, in the same open-loop phase as the measured window that follows
    long rampNanos = o.warmupSeconds * 1_000_000_000L / 2;
    if (rampNanos > 0) {
      await(driver.phase(vozPort, survivors, new Driver.Script[] {MENU_CYCLE}, true, rate / 2, 0, rampNanos, rampNanos, true));
    }
    long phaseStart = System.nanoTime();
    io.vertx.core.Future<Driver.Result> loadFuture = driver.phase(vozPort, survivors, new Driver.Script[] {MENU_CYCLE}, true,
        rate, 0, totalNanos, warmNanos, true);
    sleepUntil(phaseStart + warmNanos);
    run.cpu0 = Cpu.sample(vozPid, redisPid);
    run.stub0 = Servers.replies();
    Map<String, Long> commands0 = commandStats(redis);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    StatefulRedisConnection<String, String> sampleConn = redisClient.connect();
    sampler.scheduleAtFixedRate(() -> run.depth.sample(sampleConn.sync(), outboxKeys), 0, 1, TimeUnit.SECONDS);
    sleepUntil(phaseStart + warmNanos + (totalNanos - warmNanos) / 2);
    run.heapMidKb = heapUsedKb(vozPid);
    sleepUntil(phaseStart + totalNanos);
    run.cpu1 = Cpu.sample(vozPid, redisPid);
    run.stub1 = Servers.replies();
    Map<String, Long> commands1 = commandStats(redis);
    commands1.forEach((cmd, calls) -> {
      long d = calls - commands0.getOrDefault(cmd, 0L);
      if (d > 0 && !cmd.equals("info") && !cmd.equals("xlen") && !cmd.equals("xrange")) {
        run.commands.put(cmd, d);
      }
    });
    sampler.shutdown();
    sampler.awaitTermination(5, TimeUnit.SECONDS);
    sampleConn.close();
    if (stopJfr) {
      jcmd(vozPid, "JFR.stop", "name=bench");
    }
    run.result = await(loadFuture);
    String column = (long) rate + "-" + redis.configGet("appendfsync").get("appendfsync");
    Files.writeString(work.resolve("timeline-" + column + ".csv"), run.result.timeline());
    keepUnmatched("load-" + column, run.result);
    log(String.format("  %.0f msg/s: sustained %.0f/s, webhook p99 %.1f ms, reply p99 %.1f ms, errors %s", rate, run.sustained(),
        run.result.webhook.percentileMs(0.99), run.result.reply.percentileMs(0.99), run.result.errorKinds));
    return run;
  }

  /** What one rate measured. */
  static final class Run {
    double rate;
    String fsync;
    Driver.Result result;
    Cpu cpu0;
    Cpu cpu1;
    long stub0;
    long stub1;
    long heapMidKb;
    final Depth depth = new Depth();
    /** Redis commands called during the window (the bench's own INFO/XLEN/XRANGE sampling left out). */
    final Map<String, Long> commands = new java.util.TreeMap<>();

    /** Redis commands per webhook answered, in total and by command (largest first). */
    String commandsPerMessage(boolean detail) {
      double n = Math.max(1, result.completedInWindow);
      double total = commands.values().stream().mapToLong(Long::longValue).sum() / n;
      if (!detail) {
        return String.format(Locale.ROOT, "%.2f", total);
      }
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.2f:", total));
      commands.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(10)
          .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue() / n)));
      return b.toString();
    }

    double window() {
      return (result.windowEnd - result.windowStart) / 1e9;
    }

    /** Webhooks answered 2xx inside the measured window, per second (not merely sent or intended). */
    double sustained() {
      return result.completedInWindow / window();
    }

    double stubRate() {
      return (stub1 - stub0) / ((cpu1.nanos - cpu0.nanos) / 1e9);
    }

    double cores(int which) {
      return cpu1.cores(cpu0, which);
    }

    /** Which issue-6 targets this rate met. */
    String verdict(double baseline) {
      List<String> miss = new ArrayList<>();
      long errors = result.non2xx + result.failures + result.replyTimeouts;
      if (errors > 0) {
        miss.add("errors");
      }
      if (sustained() < rate * 0.99) {
        miss.add("rate");
      }
      if (result.webhook.percentileMs(0.99) > 20 || result.webhook.percentileMs(0.999) > 50) {
        miss.add("webhook");
      }
      if (result.reply.percentileMs(0.99) > 50) {
        miss.add("reply");
      }
      if (!Double.isNaN(baseline) && sustained() < 0.30 * baseline) {
        miss.add("ratio");
      }
      return miss.isEmpty() ? "all met" + (rate < 5000 ? " (<5k)" : "") : "MISS " + String.join(",", miss);
    }
  }

  private final Map<String, List<String>> grid = new LinkedHashMap<>();

  private static List<String> map(List<Run> runs, java.util.function.Function<Run, String> f) {
    return runs.stream().map(f).toList();
  }

  private static String pcts3(LogHistogram h) {
    return f1(h.percentileMs(0.5)) + "/" + f1(h.percentileMs(0.99)) + "/" + f1(h.percentileMs(0.999));
  }

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
    int w = Math.max(grid.keySet().stream().mapToInt(String::length).max().orElse(10),
        rows.keySet().stream().mapToInt(String::length).max().orElse(10)) + 2;
    int cw = grid.values().stream().flatMap(List::stream).mapToInt(String::length).max().orElse(10) + 3;
    String rule = "-".repeat(Math.min(200, w + 100));
    StringBuilder b = new StringBuilder();
    b.append(rule).append('\n').append("Voz benchmark (issue 6)").append('\n').append(rule).append('\n');
    boolean gridDone = false;
    for (Map.Entry<String, String> e : rows.entrySet()) {
      if (e.getKey().equals("-")) {
        b.append(rule).append('\n');
        if (!gridDone) {
          gridDone = true;
          grid.forEach((k, values) -> {
            b.append(String.format("%-" + w + "s", k));
            values.forEach(v -> b.append(String.format("%" + cw + "s", v)));
            b.append('\n');
          });
          b.append(rule).append('\n');
        }
      } else {
        b.append(String.format("%-" + w + "s%s%n", e.getKey(), e.getValue()));
      }
    }
    b.append(rule).append('\n');
    b.append("targets (issue 6): >= 5,000 msg/s sustained; webhook p99 <= 20 ms and p99.9 <= 50 ms; reply at stub p99 <= 50 ms;\n")
     .append("  no errors; voz >= 30 % of the bare-handler baseline; <= 500 B of Redis per idle session.\n");
    notes.forEach(n -> b.append("note: ").append(n).append('\n'));
    return b.toString();
  }

  /** n survivors, a {@code telegramShare} of them on Telegram (spread evenly). */
  private List<Driver.Survivor> people(Driver d, int n, String prefix, double telegramShare) {
    List<Driver.Survivor> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Driver.Survivor s = new Driver.Survivor(i, prefix + String.format("%07d", i + 1),
          Telegram.chosen(i, telegramShare) ? Telegram.chatOf(i) : null);
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

  private static String get(java.net.http.HttpClient http, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
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

  private synchronized void stopChild(Process p) {
    stop(p);
    children.remove(p);
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

  private volatile org.voz.store.EmbeddedRedis embeddedRedis;

  private synchronized void cleanUp() {
    for (int i = children.size() - 1; i >= 0; i--) {
      stop(children.get(i));
    }
    children.clear();
    org.voz.store.EmbeddedRedis e = embeddedRedis;
    embeddedRedis = null;
    if (e != null) {
      e.stop();
    }
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

  private static final Pattern LINK_CODE = Pattern.compile("\\?start=([A-Za-z0-9_-]+)");

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

  /** calls per command from INFO commandstats. */
  private static Map<String, Long> commandStats(RedisCommands<String, String> redis) {
    Map<String, Long> calls = new LinkedHashMap<>();
    Matcher m = Pattern.compile("cmdstat_([a-z|_-]+):calls=(\\d+)").matcher(redis.info("commandstats"));
    while (m.find()) {
      calls.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return calls;
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

  private String loadAvgAtStart = "?";
  private String cpuYardstick = "?";

  /**
   * How fast this machine's cores are right now, to compare runs on different days (the same machine has measured
   * 1.6 times slower from one day to the next): PBKDF2-HMAC-SHA256 at the service's 210,000 iterations, the PIN
   * hash, on one thread, then on one thread per core at once (less than the cores' count times the first = the
   * cores are shared or throttled). About 3 s, before anything else runs, and again at the end.
   */
  static String cpuYardstick() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    hashes(1, 2); // warm-up: JIT
    double[] one = new double[7];
    for (int i = 0; i < one.length; i++) {
      one[i] = 1000 / hashes(1, 1);
    }
    Arrays.sort(one);
    double all = hashes(cores, 3);
    return String.format("PBKDF2-SHA256 210k on 1 thread: fastest %.1f ms, median %.1f ms per hash; %.1f hashes/s on %d threads"
        + " at once (%.2f x the fastest)", one[0], one[one.length / 2], all, cores, all * one[0] / 1000);
  }

  /** Hashes per second of {@code threads} threads each hashing {@code each} times at once. */
  private static double hashes(int threads, int each) throws Exception {
    List<Thread> running = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          javax.crypto.SecretKeyFactory pbkdf2 = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
          for (int i = 0; i < each; i++) {
            pbkdf2.generateSecret(new javax.crypto.spec.PBEKeySpec("1234".toCharArray(), new byte[16], 210_000, 256));
          }
        } catch (java.security.GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      });
      thread.start();
      running.add(thread);
    }
    for (Thread thread : running) {
      thread.join();
    }
    return threads * each / ((System.nanoTime() - start) / 1e9);
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
