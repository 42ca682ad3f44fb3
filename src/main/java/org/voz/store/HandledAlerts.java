package org.voz.store;

import io.lettuce.core.Range;
import io.lettuce.core.XAddArgs;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The alerts handled on a survivor's case, {@code voz:{p}:handled:<survivorId>}: one stream entry (field
 * {@code handled}, JSON of a {@link Handled} sealed under the survivor's own key, bound to {@link Aad#handled}) per
 * acknowledgement, with the note the member wrote, so that what was done stays on the survivor's page once the alert
 * has left the inbox. Trimmed to about the newest {@link #KEEP}; erased with the survivor ({@link SurvivorEraser}).
 * Nothing is written for a survivor who is not (or no longer) enrolled.
 */
public final class HandledAlerts {

  /** About how many entries a survivor's stream keeps (approximate trimming). */
  public static final long KEEP = 500;

  /**
   * One acknowledged alert.
   *
   * @param raised when the alert was raised
   * @param at     when it was acknowledged
   * @param note   what the member wrote, or null
   */
  public record Handled(String alertId, String type, Instant raised, Instant at, String by, String note) {}

  private final Redis redis;
  private final Keys keys;
  private final SurvivorRepository survivors;

  public HandledAlerts(Redis redis, Keys keys, SurvivorRepository survivors) {
    this.redis = redis;
    this.keys = keys;
    this.survivors = survivors;
  }

  public Future<Void> record(String survivorId, Handled handled) {
    return survivors.sealerIfEnrolled(survivorId).compose(sealer -> sealer.isEmpty()
        ? Future.<Void>succeededFuture()
        : redis.future(redis.commands().xadd(key(survivorId), XAddArgs.Builder.maxlen(KEEP).approximateTrimming(),
            Map.of("handled", sealer.get().seal(Aad.handled(survivorId), Json.write(handled))))).mapEmpty());
  }

  /** The survivor's handled alerts, oldest first (none once they are erased). */
  public Future<List<Handled>> read(String survivorId) {
    return redis.future(redis.commands().xrange(key(survivorId), Range.create("-", "+"))).compose(entries ->
        entries.isEmpty() ? Future.succeededFuture(List.<Handled>of()) : survivors.sealerIfEnrolled(survivorId).map(sealer ->
            sealer.isEmpty() ? List.<Handled>of() : entries.stream()
                .map(e -> Json.read(sealer.get().open(Aad.handled(survivorId), e.getBody().get("handled")), Handled.class))
                .toList()));
  }

  private String key(String survivorId) {
    return keys.inPartition(keys.partitionOf(survivorId), "handled", survivorId);
  }
}
