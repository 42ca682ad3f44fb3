package org.voz.store;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Every enrolled survivor's id, found by their session hashes ({@code voz:{p}:session:<id>}), for the jobs that look
 * at every record (retention). A SCAN, page by page: it never blocks Redis, and a survivor enrolled or erased during
 * it may be seen or not.
 */
public final class SurvivorIds {

  private final Redis redis;
  private final Keys keys;

  public SurvivorIds(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  public Future<List<String>> all() {
    List<String> ids = new ArrayList<>();
    return page(ScanCursor.INITIAL, ids).map(v -> ids);
  }

  private Future<Void> page(ScanCursor cursor, List<String> ids) {
    String marker = ":session:";
    return redis.future(redis.commands().scan(cursor,
            ScanArgs.Builder.matches(keys.prefix() + ":{*}" + marker + "*").limit(1000)))
        .compose(found -> {
          for (String key : found.getKeys()) {
            ids.add(key.substring(key.indexOf(marker) + marker.length()));
          }
          return found.isFinished() ? Future.succeededFuture() : page(found, ids);
        });
  }
}
