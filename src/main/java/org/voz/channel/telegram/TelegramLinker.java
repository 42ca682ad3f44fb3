package org.voz.channel.telegram;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.contact.ChannelId;
import org.voz.crypto.Keyring;
import org.voz.store.Keys;
import org.voz.store.Redis;

/**
 * Links a Telegram chat to a survivor once their one-time code was consumed: claims the chat's address
 * index entry (SET NX, as enrolment does) and adds the chat as a {@code telegram} contact of the record,
 * through the same version-checked commit as every other change. A chat already linked to another
 * survivor stays theirs.
 */
public final class TelegramLinker {

  /**
   * Adds a contact to a survivor's record (version-checked): true once added (or already there), false if
   * there is no such survivor; fails on a transient error.
   */
  @FunctionalInterface
  public interface Contacts {
    Future<Boolean> add(String survivorId, Survivor.Contact contact);
  }

  private static final Logger LOG = LoggerFactory.getLogger(TelegramLinker.class);

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;
  private final Contacts contacts;

  public TelegramLinker(Redis redis, Keys keys, Keyring keyring, Contacts contacts) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
    this.contacts = contacts;
  }

  /**
   * Whether {@code chatId} now belongs to {@code survivorId} (newly or already); false if another survivor
   * has it or the record is gone.
   */
  public Future<Boolean> link(String survivorId, String chatId) {
    String key = keys.global("addr", keyring.addressHash("telegram", chatId));
    return redis.future(redis.commands().setnx(key, survivorId)).compose(claimed -> {
      Future<String> owner = claimed ? Future.succeededFuture(survivorId) : redis.future(redis.commands().get(key));
      return owner.compose(current -> {
        if (!survivorId.equals(current)) {
          LOG.warn("telegram link refused: chat already linked to another survivor survivor={}", survivorId);
          return Future.succeededFuture(false);
        }
        return contacts.add(survivorId, new Survivor.Contact(ChannelId.TELEGRAM.value(), chatId)).compose(added -> {
          if (added) {
            LOG.info("telegram chat linked survivor={}", survivorId);
            return Future.succeededFuture(true);
          }
          LOG.warn("telegram link refused: no such survivor survivor={}", survivorId);
          // the record is gone: release the claim this call made, and nothing else
          return claimed ? redis.future(redis.commands().del(key)).map(false) : Future.succeededFuture(false);
        }); // a transient failure fails the update: Telegram retries it
      });
    });
  }
}
