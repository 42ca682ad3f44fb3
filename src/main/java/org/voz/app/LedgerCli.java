package org.voz.app;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.voz.consent.Survivor;
import org.voz.crypto.Keyring;
import org.voz.store.Json;
import org.voz.store.Keys;
import org.voz.store.LedgerReader;
import org.voz.store.Redis;
import org.voz.store.SessionStore;
import org.voz.store.SurvivorRepository;

/**
 * {@code voz ledger verify}: checks the hash chain of every survivor's consent ledger (each event's link
 * to the one before, and the last one against the head kept in the record). Exits 1 if any is broken.
 */
final class LedgerCli {

  private LedgerCli() {}

  static int run(String[] args, Map<String, String> env, PrintStream out) {
    if (args.length != 1 || !args[0].equals("verify")) {
      out.println("usage: voz ledger verify");
      return 2;
    }
    Config config = Config.load(env);
    if (config.redis().url().isBlank()) {
      out.println("voz ledger verify: set REDIS_URL to the Redis the service uses");
      return 2;
    }
    byte[] key = config.security().dataKey().isBlank()
        ? Keyring.parseKey(readDevKey(config))
        : Keyring.parseKey(config.security().dataKey());
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.connect(vertx, config.redis().url()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Keys keys = new Keys(config.redis().prefix(), config.redis().partitions());
      return verify(redis, keys, new Keyring(key, config.security().previousKeys()), out).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES) == 0 ? 0 : 1;
    } catch (Exception e) {
      out.println("voz ledger verify: " + e.getMessage());
      return 2;
    } finally {
      vertx.close();
    }
  }

  private static String readDevKey(Config config) {
    try {
      return java.nio.file.Files.readString(Path.of(config.redis().embeddedDataDir(), "voz-data.key")).trim();
    } catch (java.io.IOException e) {
      throw new Config.ConfigException("set VOZ_DATA_KEY (no development key in " + config.redis().embeddedDataDir() + ")");
    }
  }

  /** Verifies every ledger under {@code keys}; the future holds how many are broken. */
  static Future<Integer> verify(Redis redis, Keys keys, Keyring keyring, PrintStream out) {
    SurvivorRepository survivors = new SurvivorRepository(redis, keys, keyring);
    LedgerReader ledgers = new LedgerReader(new SessionStore(redis, keys, java.time.Duration.ofDays(1)), keys, survivors);
    return ledgerOwners(redis, keys).compose(ids -> {
      Future<int[]> chain = Future.succeededFuture(new int[2]);
      for (String id : ids) {
        chain = chain.compose(counts -> survivors.find(id)
            .compose(survivor -> ledgers.read(id, survivor.map(Survivor::ledgerHead).orElse(null)))
            .map(ledger -> {
              counts[0]++;
              if (!ledger.valid()) {
                counts[1]++;
                out.println("survivor " + id + ": " + ledger.events().size() + " events, chain BROKEN at event "
                    + ledger.brokenAt());
              }
              return counts;
            }));
      }
      return chain.map(counts -> {
        out.println(counts[0] + " ledgers checked, " + counts[1] + " broken");
        return counts[1];
      });
    });
  }

  private static Future<List<String>> ledgerOwners(Redis redis, Keys keys) {
    List<String> ids = new ArrayList<>();
    return scan(redis, keys.prefix() + ":{*}:ledger:*", ScanCursor.INITIAL, ids).map(v -> ids);
  }

  private static Future<Void> scan(Redis redis, String pattern, ScanCursor cursor, List<String> ids) {
    return redis.future(redis.commands().scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000)))
        .compose(page -> {
          page.getKeys().forEach(k -> ids.add(k.substring(k.lastIndexOf(':') + 1)));
          return page.isFinished() ? Future.succeededFuture() : scan(redis, pattern, page, ids);
        });
  }
}
