package org.voz.store;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.voz.consent.Survivor;
import org.voz.crypto.Keyring;
import org.voz.crypto.PersonalKey;
import org.voz.crypto.Sealer;

/**
 * Survivor records and the index from a channel address hash to a survivor id. A record is sealed JSON
 * in the {@code record} field of the survivor's session hash, under the same version as the session:
 * after enrolment it changes only through the commit script, so a staff change and a survivor's message
 * can never overwrite each other.
 */
public final class SurvivorRepository {

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;
  private final PersonalKeys personalKeys;
  private final RepresentativeIndex representatives;

  public SurvivorRepository(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
    this.personalKeys = new PersonalKeys(keyring, PersonalKeys.DEFAULT_SIZE, PersonalKeys.DEFAULT_TTL);
    this.representatives = new RepresentativeIndex(redis, keys, keyring);
  }

  /** The index of minors' representatives' contacts ({@code voz:repaddr:<hmac>}). */
  public RepresentativeIndex representatives() {
    return representatives;
  }

  /**
   * The survivor at an address: its hash under the current data key, then (during a rotation, until
   * {@code voz keys rotate} has moved the index) under each previous key.
   */
  public Future<Optional<String>> idForAddress(String channel, String address) {
    return idForAddress(keyring.addressHashes(channel, address), 0);
  }

  private Future<Optional<String>> idForAddress(java.util.List<String> hashes, int index) {
    return await(redis.commands().get(keys.global("addr", hashes.get(index)))).compose(id -> id != null || index + 1 == hashes.size()
        ? Future.succeededFuture(Optional.ofNullable(id))
        : idForAddress(hashes, index + 1));
  }

  public Future<Optional<Survivor>> find(String survivorId) {
    return await(redis.commands().hmget(recordKey(survivorId), "record", "skey")).map(values -> {
      String sealed = values.get(0).getValueOrElse(null);
      return Optional.ofNullable(sealed).map(s -> open(sealer(survivorId, values.get(1).getValueOrElse(null)), survivorId, s));
    });
  }

  /** What seals and opens {@code survivorId}'s record, session and ledger, read from Redis. */
  public Future<Sealer> sealer(String survivorId) {
    return await(redis.commands().hget(recordKey(survivorId), "skey")).map(wrapped -> sealer(survivorId, wrapped));
  }

  /** What seals and opens {@code survivorId}'s data, or empty if there is no such survivor (never enrolled, or erased). */
  public Future<Optional<Sealer>> sealerIfEnrolled(String survivorId) {
    return await(redis.commands().hmget(recordKey(survivorId), "record", "skey")).map(values -> values.get(0).hasValue()
        ? Optional.of(sealer(survivorId, values.get(1).getValueOrElse(null)))
        : Optional.<Sealer>empty());
  }

  /**
   * What seals and opens a survivor's record, session and ledger: their own key, unwrapped from {@code wrapped}
   * (the {@code skey} field), or the data key for a survivor enrolled before survivors had one ({@code wrapped}
   * null). Either opens what the other sealed, by its prefix. Unwrapped keys are kept in memory briefly
   * ({@link PersonalKeys}).
   */
  public Sealer sealer(String survivorId, String wrapped) {
    return wrapped == null ? keyring : new SurvivorSealer(personalKeys.get(survivorId, wrapped), keyring);
  }

  /** A new survivor's own key, and its wrapped form for the enrolment's commit. */
  public record NewKey(Sealer sealer, String wrapped) {}

  public NewKey newKey(String survivorId) {
    PersonalKey key = PersonalKey.generate();
    String wrapped = keyring.wrap(Aad.survivorKey(survivorId), key);
    personalKeys.put(survivorId, wrapped, key);
    return new NewKey(new SurvivorSealer(key, keyring), wrapped);
  }

  /**
   * Reserves a new survivor's place before its record is committed: claims every contact address
   * (SET NX) and adds the id to the case manager's caseload. If an address is already enrolled, releases
   * what it claimed and fails with {@link AddressTakenException}. An address still claimed by an id that
   * has no record (an enrolment that crashed before its commit) is taken over. Addresses and caseloads are
   * global keys, in another Cluster slot than the record, so this cannot be part of the record's commit:
   * the caller commits the record next and calls {@link #release} if that fails. A caseload entry without
   * a record is harmless (lists skip it).
   */
  public Future<Void> reserve(Survivor survivor) {
    return claimAddresses(survivor, 0)
        .compose(v -> await(redis.commands().sadd(caseloadKey(survivor.caseManager()), survivor.id())))
        .compose(v -> await(redis.commands().sadd(caseRefKey(survivor.caseRef()), survivor.id())))
        .mapEmpty();
  }

  /** Undoes {@link #reserve} for a survivor whose record was not committed. */
  public Future<Void> release(Survivor survivor) {
    return releaseAddresses(survivor, survivor.contacts().size())
        .compose(v -> await(redis.commands().srem(caseloadKey(survivor.caseManager()), survivor.id())))
        .compose(v -> await(redis.commands().srem(caseRefKey(survivor.caseRef()), survivor.id())))
        .mapEmpty();
  }

  /**
   * The ids of the survivors enrolled under an exact case reference, found by its keyed hash
   * ({@code voz:caseref:<hmac>}, a set: nothing forbids two records one reference), never by opening records.
   */
  public Future<java.util.Set<String>> idsForCaseRef(String caseRef) {
    // under every readable key: during a rotation a survivor may still be indexed under a previous one
    // (one key at a time: the keys may be in different Cluster slots)
    java.util.Set<String> ids = new java.util.TreeSet<>();
    Future<Void> chain = Future.succeededFuture();
    for (String hash : keyring.addressHashes("caseref", caseRef)) {
      chain = chain.compose(v -> await(redis.commands().smembers(keys.global("caseref", hash)))).map(found -> {
        ids.addAll(found);
        return null;
      });
    }
    return chain.map(v -> ids);
  }

  /** The ids of the survivors enrolled under case manager {@code staffId}. */
  public Future<java.util.Set<String>> caseload(String staffId) {
    return await(redis.commands().smembers(caseloadKey(staffId)));
  }

  /**
   * Lists a survivor under a new case manager (before the record names them: a listed id whose record names
   * someone else is skipped by the lists, the record is what grants access).
   */
  public Future<Void> addToCaseload(String staffId, String survivorId) {
    return await(redis.commands().sadd(caseloadKey(staffId), survivorId)).mapEmpty();
  }

  /** Removes a survivor from a case manager's list (after a transfer committed). */
  public Future<Void> removeFromCaseload(String staffId, String survivorId) {
    return await(redis.commands().srem(caseloadKey(staffId), survivorId)).mapEmpty();
  }

  /**
   * Claims the addresses of {@code added} for {@code survivorId} (contacts added after enrolment), all or none:
   * fails with {@link AddressTakenException} if one is another survivor's. The caller commits the record next, and
   * {@link #releaseContacts} the claims if that fails.
   */
  public Future<Void> claimContacts(String survivorId, java.util.List<Survivor.Contact> added) {
    Survivor holder = Survivor.enrolled(survivorId, "", "", "", added, null, null, null);
    return claimAddresses(holder, 0);
  }

  /** Frees the addresses of {@code removed} when they still name {@code survivorId}. */
  public Future<Void> releaseContacts(String survivorId, java.util.List<Survivor.Contact> removed) {
    Future<?> all = Future.succeededFuture();
    for (Survivor.Contact c : removed) {
      String key = addressKey(c.channel(), c.address());
      all = all.compose(v -> redis.future(redis.commands().eval(RELEASE_OWN, io.lettuce.core.ScriptOutputType.INTEGER,
          new String[] {key}, survivorId)));
    }
    return all.mapEmpty();
  }

  /** Compare-and-delete: the address is freed only if it still names the survivor. */
  private static final String RELEASE_OWN =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end return 0";

  /** The record as the commit script stores it. */
  public String seal(Sealer sealer, Survivor survivor) {
    return sealer.seal(Aad.record(survivor.id()), Json.write(survivor));
  }

  /** A record read back from a commit's state. */
  public Survivor open(Sealer sealer, String survivorId, String sealed) {
    return Json.read(sealer.open(Aad.record(survivorId), sealed), Survivor.class);
  }

  private Future<Void> claimAddresses(Survivor survivor, int index) {
    if (index == survivor.contacts().size()) {
      return Future.succeededFuture();
    }
    Survivor.Contact contact = survivor.contacts().get(index);
    String key = addressKey(contact.channel(), contact.address());
    return await(redis.commands().setnx(key, survivor.id()))
        .compose(claimed -> claimed ? Future.succeededFuture(true) : takeOverOrphan(key, survivor.id()))
        .compose(claimed -> {
          if (!claimed) {
            return releaseAddresses(survivor, index)
                .compose(v -> Future.failedFuture(new AddressTakenException(contact.channel())));
          }
          return claimAddresses(survivor, index + 1);
        });
  }

  /** Moves an address claimed by an id without a record (a crashed enrolment) to {@code survivorId}. */
  private Future<Boolean> takeOverOrphan(String addressKey, String survivorId) {
    return await(redis.commands().get(addressKey)).compose(holder -> holder == null
        ? await(redis.commands().setnx(addressKey, survivorId))
        : await(redis.commands().hexists(recordKey(holder), "record")).compose(hasRecord -> hasRecord
            ? Future.succeededFuture(false)
            : redis.<Long>future(redis.commands().eval(TAKE_OVER, io.lettuce.core.ScriptOutputType.INTEGER,
                new String[] {addressKey}, holder, survivorId)).map(n -> n == 1L)));
  }

  /** Compare-and-set: the address moves only if it still names the orphan. */
  private static final String TAKE_OVER =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0";

  private Future<Void> releaseAddresses(Survivor survivor, int upTo) {
    if (upTo == 0) {
      return Future.succeededFuture();
    }
    String[] claimed =
        survivor.contacts().subList(0, upTo).stream()
            .map(c -> addressKey(c.channel(), c.address()))
            .toArray(String[]::new);
    Future<?> all = Future.succeededFuture();
    for (String key : claimed) {
      all = all.compose(v -> await(redis.commands().del(key)));
    }
    return all.mapEmpty();
  }

  private String addressKey(String channel, String address) {
    return keys.global("addr", keyring.addressHash(channel, address));
  }

  private String recordKey(String survivorId) {
    return keys.session(keys.partitionOf(survivorId), survivorId);
  }

  private String caseRefKey(String caseRef) {
    return keys.global("caseref", keyring.addressHash("caseref", caseRef));
  }

  private String caseloadKey(String caseManager) {
    return keys.global("caseload", caseManager);
  }

  private <T> Future<T> await(CompletionStage<T> stage) {
    return redis.future(stage);
  }

  /** An address already enrolled for another survivor. */
  public static final class AddressTakenException extends RuntimeException {
    public AddressTakenException(String channel) {
      super("a " + channel + " contact is already enrolled", null, false, false);
    }
  }
}
