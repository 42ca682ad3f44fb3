package org.voz.store;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.voz.crypto.Keyring;

/**
 * Console sessions in Redis, so any instance serves any request: under a SHA-256 of the cookie's id (a copy of
 * Redis opens no session), sealed, living {@code idle} from the last request.
 */
public final class ConsoleSessions {

  /**
   * A signed-in member, the CSRF token of their forms, and when it began (epoch ms; 0 for a session stored before
   * this was kept), so a deactivation or a second-factor reset voids the sessions begun before it.
   */
  public record Session(String staffId, String csrf, long createdAt) {
    @Override
    public String toString() {
      return "Session[" + staffId + "]";
    }
  }

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;
  private final Duration idle;

  public ConsoleSessions(Redis redis, Keys keys, Keyring keyring, Duration idle) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
    this.idle = idle;
  }

  public Future<Void> create(String id, Session session) {
    return await(redis.commands().set(key(id), keyring.seal(Aad.consoleSession(StaffRepository.sha256(id)), Json.write(session)), SetArgs.Builder.px(idle.toMillis())))
        .mapEmpty();
  }

  /** The session, its idle time restarted; empty when it never was, timed out, or was ended. */
  public Future<Optional<Session>> touch(String id) {
    String key = key(id);
    return await(redis.commands().get(key)).compose(sealed -> sealed == null
        ? Future.succeededFuture(Optional.<Session>empty())
        : await(redis.commands().pexpire(key, idle.toMillis()))
            .map(ok -> Optional.of(Json.read(keyring.open(Aad.consoleSession(StaffRepository.sha256(id)), sealed), Session.class))));
  }

  /** Whether the session is still open; its idle time is not restarted (a live stream is no request of the member's). */
  public Future<Boolean> exists(String id) {
    return await(redis.commands().exists(key(id))).map(n -> n > 0);
  }

  public Future<Void> end(String id) {
    return await(redis.commands().del(key(id))).mapEmpty();
  }

  private String key(String id) {
    return keys.global("console-session", StaffRepository.sha256(id));
  }

  private <T> Future<T> await(CompletionStage<T> stage) {
    return redis.future(stage);
  }
}
