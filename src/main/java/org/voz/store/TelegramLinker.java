package org.voz.store;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.crypto.Keyring;

/**
 * Links a Telegram chat to a survivor once their one-time code was consumed: claims the chat's address
 * index entry (SET NX, as enrolment does) and appends the chat as a {@code telegram} contact of the record.
 * A chat already linked to another survivor stays theirs.
 */
public final class TelegramLinker {

  private static final Logger LOG = LoggerFactory.getLogger(TelegramLinker.class);

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;
  private final SurvivorRepository survivors;

  public TelegramLinker(Redis redis, Keys keys, Keyring keyring, SurvivorRepository survivors) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
    this.survivors = survivors;
  }

  /**
   * Whether {@code chatId} now belongs to {@code survivorId} (newly or already); false if another survivor
   * has it or the record is gone.
   */
  public Future<Boolean> link(String survivorId, String chatId) {
    return survivors.find(survivorId).compose(found -> {
      if (found.isEmpty()) {
        LOG.warn("telegram link refused: no such survivor survivor={}", survivorId);
        return Future.succeededFuture(false);
      }
      String key = keys.global("addr", keyring.addressHash("telegram", chatId));
      return redis.future(redis.commands().setnx(key, survivorId))
          .compose(claimed -> claimed ? Future.succeededFuture(survivorId) : redis.future(redis.commands().get(key)))
          .compose(owner -> {
            if (!survivorId.equals(owner)) {
              LOG.warn("telegram link refused: chat already linked to another survivor survivor={}", survivorId);
              return Future.succeededFuture(false);
            }
            return addContact(found.get(), chatId).map(true);
          });
    });
  }

  /**
   * Appends the contact to the record unless it is there. A read-modify-write: a staff edit of the same
   * record at the same instant could be overwritten (the address index, which routes messages, is not).
   */
  private Future<Void> addContact(Survivor s, String chatId) {
    Survivor.Contact contact = new Survivor.Contact("telegram", chatId);
    if (s.contacts().contains(contact)) {
      return Future.succeededFuture();
    }
    List<Survivor.Contact> contacts = new ArrayList<>(s.contacts());
    contacts.add(contact);
    LOG.info("telegram chat linked survivor={}", s.id());
    return survivors.save(new Survivor(s.id(), s.caseRef(), s.language(), s.caseManager(), contacts, s.pinHash(),
        s.consents(), s.createdAt()));
  }
}
