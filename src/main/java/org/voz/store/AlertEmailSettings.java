package org.voz.store;

import io.vertx.core.Future;
import java.util.Optional;
import org.voz.crypto.Keyring;

/**
 * A staff member's choice to get each alert by e-mail too, and the address (sealed: an address is personal data):
 * {@code voz:alert-email:<staff id>}.
 */
public final class AlertEmailSettings {

  /** Where, and whether, alerts are e-mailed. */
  public record Setting(String address, boolean enabled) {
    @Override
    public String toString() {
      return "Setting[enabled=" + enabled + "]";
    }
  }

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;

  public AlertEmailSettings(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
  }

  public Future<Optional<Setting>> find(String staffId) {
    return redis.future(redis.commands().get(key(staffId)))
        .map(sealed -> Optional.ofNullable(sealed).map(s -> Json.read(keyring.open(Aad.alertEmail(staffId), s), Setting.class)));
  }

  public Future<Void> save(String staffId, Setting setting) {
    return redis.future(redis.commands().set(key(staffId), keyring.seal(Aad.alertEmail(staffId), Json.write(setting)))).mapEmpty();
  }

  private String key(String staffId) {
    return keys.global("alert-email", staffId);
  }
}
