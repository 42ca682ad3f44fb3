package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.voz.crypto.Keyring;
import org.voz.store.KeyCanary;
import org.voz.store.KeyRotation;
import org.voz.store.Keys;
import org.voz.store.Redis;

/**
 * {@code voz keys rotate}: moves everything sealed or indexed under a previous data key to the current one, while
 * the service runs ({@link KeyRotation}), pass after pass until one finds nothing left under an old key or
 * {@code --wait} runs out. Exits 0 when nothing is left (the previous key can then be removed), 1 otherwise (run it
 * again: it resumes, skipping what is done). {@code voz keys id} prints the configured keys' ids.
 */
final class KeysCli {

  private KeysCli() {}

  static int run(String[] args, Map<String, String> env, PrintStream out) {
    if (args.length == 0 || !(args[0].equals("rotate") || args[0].equals("id"))) {
      out.println("usage: voz keys rotate [--wait PT10M] | voz keys id");
      return 2;
    }
    Config config = Config.load(env);
    Keyring keyring = new Keyring(currentKey(config), config.security().previousKeys());
    if (args[0].equals("id")) {
      out.println("current " + keyring.currentKeyId());
      keyring.keyIds().stream().skip(1).forEach(id -> out.println("previous " + id));
      return 0;
    }
    Duration wait = args.length == 3 && args[1].equals("--wait") ? Duration.parse(args[2]) : Duration.ofMinutes(10);
    if (config.redis().url().isBlank()) {
      out.println("voz keys rotate: set REDIS_URL to the Redis the service uses");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.connect(vertx, config.redis().url()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Keys keys = new Keys(config.redis().prefix(), config.redis().partitions());
      return rotate(vertx, redis, keys, keyring, wait, out).toCompletionStage().toCompletableFuture()
          .get(wait.toMillis() + Duration.ofHours(6).toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      out.println("voz keys rotate: " + e.getClass().getSimpleName());
      return 2;
    } finally {
      vertx.close();
    }
  }

  /** The whole rotation: checks the keys open the data, then passes until done or {@code wait} is over. */
  static Future<Integer> rotate(Vertx vertx, Redis redis, Keys keys, Keyring keyring, Duration wait, PrintStream out) {
    return new KeyCanary(redis, keys).check(keyring).compose(problem -> {
      if (problem != null) {
        out.println("voz keys rotate: the configured keys do not open this Redis's data (" + problem + "); nothing done");
        return Future.succeededFuture(2);
      }
      out.println("rotating to key " + keyring.currentKeyId() + " (readable: " + String.join(", ", keyring.keyIds()) + ")");
      long deadline = System.currentTimeMillis() + wait.toMillis();
      return passes(vertx, new KeyRotation(redis, keys, keyring), deadline, 1, out);
    });
  }

  private static Future<Integer> passes(Vertx vertx, KeyRotation rotation, long deadline, int n, PrintStream out) {
    out.println("pass " + n);
    return rotation.pass(out::println, 1000).compose(pass -> {
      if (pass.done()) {
        out.println("done: nothing is sealed or indexed under a previous key; it can be removed from "
            + "VOZ_DATA_KEYS_PREVIOUS");
        return Future.succeededFuture(0);
      }
      if (System.currentTimeMillis() > deadline) {
        out.println("not done: " + pass.pending() + " values still under an old key (outbox entries waiting for delivery, "
            + "or written by an instance still on the old key), " + pass.unknown() + " that cannot be moved; run it again");
        return Future.succeededFuture(1);
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(1000, t -> later.complete());
      return later.future().compose(v -> passes(vertx, rotation, deadline, n + 1, out));
    });
  }

  static byte[] currentKey(Config config) {
    if (!config.security().dataKey().isBlank()) {
      return Keyring.parseKey(config.security().dataKey());
    }
    try {
      return Keyring.parseKey(java.nio.file.Files.readString(Path.of(config.redis().embeddedDataDir(), "voz-data.key")).trim());
    } catch (java.io.IOException e) {
      throw new Config.ConfigException("set VOZ_DATA_KEY (no development key in " + config.redis().embeddedDataDir() + ")");
    }
  }
}
