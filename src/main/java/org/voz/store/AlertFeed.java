package org.voz.store;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as they are opened and acknowledged, on every instance: the commit script PUBLISHes the ids of the alerts
 * it writes on the channel named like the partition's alerts hash ({@code +id,id}), and an acknowledgement the id it
 * removed ({@code -id}). One pub/sub connection per instance, subscribed to every partition's channel; what it hears is
 * handed to the listener on the Vert.x context that started the feed, never on Lettuce's I/O thread. Pub/sub keeps
 * nothing: whoever missed a message (not connected then) reads the alerts hash, as the console does on (re)connect.
 */
public final class AlertFeed {

  private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

  /** Alerts opened ({@code opened} true) or acknowledged in one partition, by id. */
  public record Event(int partition, boolean opened, List<String> ids) {}

  private final StatefulRedisPubSubConnection<String, String> connection;

  private AlertFeed(StatefulRedisPubSubConnection<String, String> connection) {
    this.connection = connection;
  }

  /** Subscribes to every partition's alert channel; the listener runs on the caller's context. */
  public static Future<AlertFeed> start(Vertx vertx, Redis redis, Keys keys, Consumer<Event> listener) {
    Context context = vertx.getOrCreateContext();
    String[] channels = new String[keys.partitions()];
    java.util.Map<String, Integer> partitionOf = new java.util.HashMap<>();
    for (int p = 0; p < channels.length; p++) {
      channels[p] = keys.alerts(p);
      partitionOf.put(channels[p], p);
    }
    return redis.connectPubSub().compose(connection -> {
      connection.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
          Integer partition = partitionOf.get(channel);
          Event event = partition == null ? null : parse(partition, message);
          if (event != null) {
            context.runOnContext(v -> listener.accept(event));
          }
        }
      });
      return Future.fromCompletionStage(connection.async().subscribe(channels), context)
          .map(v -> new AlertFeed(connection))
          .onFailure(e -> connection.closeAsync());
    }).onSuccess(feed -> LOG.info("alert feed subscribed partitions={}", channels.length));
  }

  static Event parse(int partition, String message) {
    if (message == null || message.length() < 2 || (message.charAt(0) != '+' && message.charAt(0) != '-')) {
      return null;
    }
    List<String> ids = Arrays.stream(message.substring(1).split(",")).filter(id -> !id.isBlank()).toList();
    return ids.isEmpty() ? null : new Event(partition, message.charAt(0) == '+', ids);
  }

  public Future<Void> close() {
    return Future.fromCompletionStage(connection.closeAsync());
  }
}
