package org.voz.channel;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;
import org.voz.contact.Capabilities;
import org.voz.contact.ChannelId;

/**
 * A channel, as one folder: Twilio messaging (SMS and WhatsApp), Telegram, the dev simulator. It owns its
 * webhooks, its senders and their limits, what its channels can carry, its periodic work, and its own
 * settings; the composition root lists the modules in one place ({@code app.Channels}) and asks each for
 * these. A new channel is a new folder implementing this interface, and one line there.
 */
public interface ChannelModule {

  /** One channel the module sends on: its id, what it can carry, its sender (inside its rate limits). */
  record Outlet(ChannelId id, Capabilities capabilities, ChannelSender sender) {}

  /** The module's name in logs: {@code twilio}, {@code telegram}, {@code simulator}. */
  String name();

  /** The channels it sends on; none when it is configured off (its webhooks still answer, refusing). */
  List<Outlet> outlets();

  /** Mounts its webhooks (the HTTP edge adds body limits, security headers and the one failure handler). */
  void mount(Router router);

  /** What it runs beside the webhooks (sweeps, long polling), deployed at start. */
  default List<Deployable> jobs() {
    return List.of();
  }

  /** Told what each outbox entry sent on its channels (provider ids: status callbacks, later deletions). */
  default SentListener sentListener() {
    return SentListener.NONE;
  }

  /**
   * Deletes what a survivor was shown on its channels (an outbox {@code forget} entry: quick exit, idle
   * timeout); completes with how many messages went. Channels that keep nothing do nothing.
   */
  default Future<Integer> forget(String survivorId) {
    return Future.succeededFuture(0);
  }
}
