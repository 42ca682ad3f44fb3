package org.voz.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.voz.app.Config;
import org.voz.app.Services;
import org.voz.app.Voz;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.conversation.Conversations;
import org.voz.conversation.Effect;
import org.voz.feedback.Participation;
import org.voz.store.FeedbackCohort;
import org.voz.store.Redis;
import org.voz.store.TelegramLinks;

/**
 * The benchmark's seeder (not part of the service): writes survivors exactly as {@code POST /api/v1/survivors}
 * does, with the service's own classes, in this process, against the service's Redis and data key: listed in
 * the feedback cohort, then {@link SurvivorUpdates#enrol} (address and caseload reservation, expiry index, one
 * commit of the sealed record and its two consent ledger events), then a Telegram link code. The only
 * shortcut: the PIN hash (PBKDF2 with the configured iterations, the real {@code PinHasher}) is computed once
 * and shared by every seeded survivor; it is not weakened. Lives in {@code org.voz.app} to reach the
 * package-private composition ({@link Services}); compiled only by {@code bench/run.sh}.
 */
public final class BenchSeeder {

  private static final String[] LANGUAGES = {"es", "en", "pt", "fr", "ht"};
  private static final String[] PROGRAMMES = {"shelter", "outreach", "legal-aid"};

  private BenchSeeder() {}

  /**
   * Seeds {@code n} survivors (SMS addresses {@code phonePrefix} + 7 digits, case manager {@code caseManager},
   * who must exist), {@code inFlight} enrolments at a time; {@code progress} gets the count now and then.
   * Returns their ids in order.
   */
  public static List<String> seed(Vertx vertx, Map<String, String> env, byte[] dataKey, int n, String phonePrefix,
      String caseManager, String pin, int inFlight, IntConsumer progress) throws Exception {
    Config config = Config.load(env);
    Redis redis = Redis.connect(vertx, env.get("REDIS_URL")).toCompletionStage().toCompletableFuture().get();
    try {
      Conversations conversations = Conversations.load(Path.of(config.conversation().dir()));
      Services s = Services.build(vertx, config, new Voz.Resources(redis, dataKey, "unused",
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC()), conversations);
      FeedbackCohort cohort = new FeedbackCohort(redis, s.keys());
      TelegramLinks links = new TelegramLinks(redis, s.keys());
      String pinHash = s.pins().hash(pin); // once: the real hash, shared
      SecureRandom random = new SecureRandom();
      Semaphore slots = new Semaphore(inFlight);
      AtomicInteger done = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String id = newId(random);
        ids.add(id);
        Survivor survivor = survivor(id, i, phonePrefix, caseManager, pinHash);
        slots.acquire();
        cohort.add(id)
            .compose(v -> s.updates().enrol(survivor, caseManager, events(survivor.consents())))
            .compose(v -> links.create(id, config.telegram().linkTtl()))
            .onComplete(r -> {
              if (r.failed() && failed.incrementAndGet() <= 3) {
                System.err.println("[bench] seeding failed: " + r.cause());
              }
              int k = done.incrementAndGet();
              if (k % 10_000 == 0) {
                progress.accept(k);
              }
              slots.release();
            });
      }
      if (!slots.tryAcquire(inFlight, 5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("seeding did not finish");
      }
      if (failed.get() > 0) {
        throw new IllegalStateException(failed.get() + " of " + n + " seeded enrolments failed");
      }
      return ids;
    } finally {
      redis.closeAsync();
    }
  }

  private static Survivor survivor(String id, int i, String phonePrefix, String caseManager, String pinHash) {
    Instant now = Instant.now();
    List<ConsentItem> consents = List.of(
        new ConsentItem("c1", "case-notes", "shelter-casa-esperanza", "referral", LocalDate.parse("2027-06-30"), "granted", now),
        new ConsentItem("c2", "medical", "clinic-norte", "care", LocalDate.parse("2027-12-31"), "granted", now));
    return Survivor.enrolled(id, "BS-2026-" + i, LANGUAGES[i % LANGUAGES.length], caseManager,
            List.of(new Survivor.Contact("sms", phonePrefix + String.format("%07d", i + 1))), pinHash, consents, now)
        .withFeedback(new Participation(true, PROGRAMMES[i % PROGRAMMES.length], LocalDate.parse("2026-06-30"), List.of()));
  }

  /** The ledger events of enrolment (as the staff API writes them). */
  private static List<Effect> events(List<ConsentItem> consents) {
    return consents.stream().<Effect>map(c -> new Effect.AppendLedger("consent." + c.status(), Map.of(
        "consentId", c.id(), "to", c.status(), "data", c.data(), "recipient", c.recipient(),
        "purpose", c.purpose(), "until", c.until().toString(), "source", "enrolment"))).toList();
  }

  /** An id like the staff API's (15 random bytes, URL-safe base64 without - and _). */
  private static String newId(SecureRandom random) {
    byte[] bytes = new byte[15];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
  }
}
