package org.voz.channel.twilio;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import java.time.Duration;
import org.voz.crypto.Keyring;
import org.voz.store.Keys;
import org.voz.store.Redis;

/**
 * WhatsApp's customer-service window: a business may write free-form messages to a user for 24 hours after
 * the user's last message; outside it only approved templates. One key per WhatsApp address,
 * {@code voz:wa:<address hash>}, set with a TTL at each inbound WhatsApp message: it exists while the window
 * is open. The TTL is a few minutes short of 24 h, so that a message queued at the edge is not refused.
 */
public final class WhatsAppWindow {

  static final Duration WINDOW = Duration.ofHours(24).minusMinutes(5);

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public WhatsAppWindow(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  /** The survivor at {@code address} just wrote on WhatsApp: the window is open for the next 24 h. */
  public Future<Void> opened(String address) {
    return redis.future(redis.commands().set(key(address), "1", SetArgs.Builder.ex(WINDOW.toSeconds()))).mapEmpty();
  }

  /** Whether a free-form message may go to {@code address} now. */
  public Future<Boolean> isOpen(String address) {
    return isOpen(keyring.addressHashes("whatsapp", address), 0);
  }

  /** Under the current key's hash, then (during a rotation) each previous key's: a window opened before is kept. */
  private Future<Boolean> isOpen(java.util.List<String> hashes, int index) {
    return redis.future(redis.commands().exists(keys.global("wa", hashes.get(index))))
        .compose(n -> n != null && n > 0 ? Future.succeededFuture(true)
            : index + 1 == hashes.size() ? Future.succeededFuture(false) : isOpen(hashes, index + 1));
  }

  private String key(String address) {
    return keys.global("wa", keyring.addressHash("whatsapp", address));
  }
}
