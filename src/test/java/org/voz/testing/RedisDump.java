package org.voz.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.voz.crypto.Keyring;
import org.voz.store.Keys;
import org.voz.store.Redis;
import org.voz.store.SealedPlaces;

/**
 * Every key under a prefix and every value in it (string, hash field and value, set and sorted-set member, list
 * item, stream entry field), each sealed value opened where it belongs ({@link SealedPlaces}): what a test that
 * says "nothing of X is left in Redis" or "nothing is sealed under the old key" reads.
 */
public final class RedisDump {

  /** One value: its key, its field (hash field, stream or outbox entry field; null otherwise), raw and opened. */
  public record Value(String key, String field, String raw, String opened) {}

  private RedisDump() {}

  /** @param opener opens a sealed value for a place (aad): {@code keyring::open}, or a test's own */
  public static List<Value> all(Redis redis, Keys keys, BiFunction<String, String, String> opener) throws Exception {
    SealedPlaces places = new SealedPlaces(keys);
    var c = redis.commands();
    List<String> names = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = c.scan(cursor, ScanArgs.Builder.matches(keys.prefix() + ":*").limit(1000)).get(10, TimeUnit.SECONDS);
      names.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    List<Value> out = new ArrayList<>();
    for (String key : names) {
      String type = c.type(key).get(10, TimeUnit.SECONDS);
      switch (type) {
        case "string" -> add(out, places, opener, key, null, c.get(key).get(10, TimeUnit.SECONDS), null);
        case "hash" -> c.hgetall(key).get(10, TimeUnit.SECONDS).forEach((f, v) -> {
          out.add(new Value(key, null, f, f));
          add(out, places, opener, key, f, v, null);
        });
        case "set" -> c.smembers(key).get(10, TimeUnit.SECONDS).forEach(v -> add(out, places, opener, key, null, v, null));
        case "list" -> c.lrange(key, 0, -1).get(10, TimeUnit.SECONDS).forEach(v -> add(out, places, opener, key, null, v, null));
        case "zset" -> c.zrange(key, 0, -1).get(10, TimeUnit.SECONDS).forEach(member -> zmember(out, places, opener, key, member));
        case "stream" -> c.xrange(key, Range.create("-", "+")).get(10, TimeUnit.SECONDS).forEach(m -> {
          m.getBody().forEach((f, v) -> {
            out.add(new Value(key, null, f, f));
            add(out, places, opener, key, f, v, m.getBody());
          });
        });
        default -> { }
      }
    }
    return out;
  }

  /** A retry schedule's member is an outbox entry as a JSON array of field/value pairs; a shown member is id:sealed. */
  private static void zmember(List<Value> out, SealedPlaces places, BiFunction<String, String, String> opener, String key,
      String member) {
    if (member.startsWith("[")) {
      io.vertx.core.json.JsonArray pairs = new io.vertx.core.json.JsonArray(member);
      Map<String, String> entry = new LinkedHashMap<>();
      for (int i = 0; i + 1 < pairs.size(); i += 2) {
        entry.put(pairs.getString(i), pairs.getString(i + 1));
      }
      entry.forEach((f, v) -> add(out, places, opener, key, f, v, entry));
      return;
    }
    int colon = member.indexOf(':');
    if (colon > 0 && Keyring.isSealed(member.substring(colon + 1))) {
      out.add(new Value(key, null, member.substring(0, colon), member.substring(0, colon)));
      add(out, places, opener, key, null, member.substring(colon + 1), null);
      return;
    }
    add(out, places, opener, key, null, member, null);
  }

  private static void add(List<Value> out, SealedPlaces places, BiFunction<String, String, String> opener, String key,
      String field, String raw, Map<String, String> entry) {
    String opened = raw;
    if (raw != null && (Keyring.isSealed(raw) || org.voz.crypto.PersonalKey.isSealed(raw))) {
      String aad = places.aad(key, field, entry);
      if (aad == null) {
        throw new IllegalStateException("a sealed value at a place SealedPlaces does not know: " + key + " " + field);
      }
      opened = opener.apply(aad, raw);
    }
    out.add(new Value(key, field, raw, opened));
  }

}
