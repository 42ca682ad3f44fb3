package org.voz.store;

import io.lettuce.core.Range;
import io.lettuce.core.XAddArgs;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.voz.staff.Access;

/**
 * The sealed audit stream beside a survivor's ledger, {@code voz:{p}:access:<survivorId>}: one entry (field
 * {@code access}, JSON of an {@link Access} sealed under the survivor's own key, bound to {@link Aad#access}) per
 * staff view of the survivor's personal data and per change. Apart from the consent ledger so that reading a record
 * never contends with the survivor's own commits; trimmed to about the newest {@link #KEEP} entries. Erasing a
 * survivor deletes it with the rest of their keys ({@link SurvivorEraser}); once their key is gone, a copy opens no
 * more. Nothing is written for a survivor who is not (or no longer) enrolled.
 */
public final class AccessLog {

  /** About how many entries a survivor's stream keeps (approximate trimming). */
  public static final long KEEP = 5_000;

  private final Redis redis;
  private final Keys keys;
  private final SurvivorRepository survivors;

  public AccessLog(Redis redis, Keys keys, SurvivorRepository survivors) {
    this.redis = redis;
    this.keys = keys;
    this.survivors = survivors;
  }

  public Future<Void> record(String survivorId, Access access) {
    return survivors.sealerIfEnrolled(survivorId).compose(sealer -> sealer.isEmpty()
        ? Future.<Void>succeededFuture()
        : redis.future(redis.commands().xadd(key(survivorId), XAddArgs.Builder.maxlen(KEEP).approximateTrimming(),
            Map.of("access", sealer.get().seal(Aad.access(survivorId), Json.write(access))))).mapEmpty());
  }

  /** The survivor's accesses, oldest first (none once they are erased). */
  public Future<List<Access>> read(String survivorId) {
    return redis.future(redis.commands().xrange(key(survivorId), Range.create("-", "+"))).compose(entries ->
        entries.isEmpty() ? Future.succeededFuture(List.<Access>of()) : survivors.sealerIfEnrolled(survivorId).map(sealer ->
            sealer.isEmpty() ? List.<Access>of() : entries.stream()
                .map(e -> Json.read(sealer.get().open(Aad.access(survivorId), e.getBody().get("access")), Access.class))
                .toList()));
  }

  private String key(String survivorId) {
    return keys.inPartition(keys.partitionOf(survivorId), "access", survivorId);
  }
}
