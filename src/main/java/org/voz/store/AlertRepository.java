package org.voz.store;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.voz.crypto.Keyring;

/**
 * Open alerts, as the commit script lists them (each partition's alerts hash, sealed JSON), until a
 * person acknowledges them. Alerts are few (they are work for a person), so reading every partition is cheap.
 */
public final class AlertRepository {

  /**
   * An open alert: its partition, id and opened JSON payload (the same the webhook receives), and whether
   * its delivery was given up (dead-lettered after {@code alerts.giveUpAfter}).
   */
  public record OpenAlert(int partition, String id, String json, boolean deliveryFailed) {
    public OpenAlert(int partition, String id, String json) {
      this(partition, id, json, false);
    }
  }

  /** Dead letters read per partition to find failed alerts (dead letters are rare; alerts rarer). */
  private static final int DEAD_SCAN = 1000;

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public AlertRepository(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  public Future<List<OpenAlert>> all() {
    List<Future<Map<String, String>>> reads = new ArrayList<>();
    List<Future<java.util.Set<String>>> failed = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      reads.add(redis.future(redis.commands().hgetall(keys.alerts(p))));
      failed.add(redis.future(redis.commands().xrevrange(keys.dead(p), io.lettuce.core.Range.create("-", "+"),
              io.lettuce.core.Limit.from(DEAD_SCAN)))
          .map(messages -> messages.stream()
              .filter(m -> "alert".equals(m.getBody().get("kind")))
              .map(m -> m.getBody().get("id"))
              .collect(java.util.stream.Collectors.toSet())));
    }
    return Future.all(Future.all(reads), Future.all(failed)).map(done -> {
      List<OpenAlert> alerts = new ArrayList<>();
      for (int p = 0; p < reads.size(); p++) {
        int partition = p;
        java.util.Set<String> gaveUp = failed.get(p).result();
        reads.get(p).result().forEach((id, sealed) ->
            alerts.add(new OpenAlert(partition, id, keyring.open(Aad.alert(id), sealed), gaveUp.contains(id))));
      }
      return alerts;
    });
  }

  public Future<Optional<OpenAlert>> find(String id) {
    List<Future<String>> reads = new ArrayList<>();
    for (int p = 0; p < keys.partitions(); p++) {
      reads.add(redis.future(redis.commands().hget(keys.alerts(p), id)));
    }
    return Future.all(reads).map(done -> {
      for (int p = 0; p < reads.size(); p++) {
        String sealed = reads.get(p).result();
        if (sealed != null) {
          return Optional.of(new OpenAlert(p, id, keyring.open(Aad.alert(id), sealed)));
        }
      }
      return Optional.empty();
    });
  }

  /** Acknowledged: no longer listed. False if it was not open (someone else acknowledged it first). */
  public Future<Boolean> acknowledge(OpenAlert alert) {
    String hash = keys.alerts(alert.partition());
    return redis.future(redis.commands().hdel(hash, alert.id())).compose(n -> n == 0
        ? Future.succeededFuture(false)
        // the open consoles drop it (AlertFeed); a lost notice only leaves a card whose form then says it is gone
        : redis.future(redis.commands().publish(hash, "-" + alert.id())).map(true).otherwise(true));
  }

  /** How long an acknowledgement (who, when, the note) is kept beside the alert's partition. */
  static final java.time.Duration ACK_KEPT = java.time.Duration.ofDays(400);

  /**
   * Acknowledged, with who did it, when, and their note (sealed; kept {@link #ACK_KEPT}). False if it was not
   * open (someone else acknowledged it first): then nothing is recorded.
   */
  public Future<Boolean> acknowledge(OpenAlert alert, String by, java.time.Instant at, String note) {
    return acknowledge(alert).compose(removed -> {
      if (!removed) {
        return Future.succeededFuture(false);
      }
      Map<String, String> record = new java.util.LinkedHashMap<>();
      record.put("id", alert.id());
      record.put("by", by);
      record.put("at", at.toString());
      if (note != null && !note.isBlank()) {
        record.put("note", note);
      }
      return redis.future(redis.commands().set(keys.inPartition(alert.partition(), "alert-ack", alert.id()),
              keyring.seal(Aad.alertAck(alert.id()), Json.write(record)), io.lettuce.core.SetArgs.Builder.ex(ACK_KEPT.toSeconds())))
          .map(true);
    });
  }
}
