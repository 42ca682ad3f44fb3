package org.voz.dispatch;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.voz.store.Keys;
import org.voz.store.Redis;

/**
 * Reads the partitioned outbox streams with a consumer group and delivers each entry at least once.
 * STUB: the dispatch work replaces the body; the public signatures here are what the shell calls.
 */
public final class OutboxDispatcher extends VerticleBase {

  public OutboxDispatcher(Redis redis, Keys keys, Delivery delivery, DispatchOptions options) {}

  @Override
  public Future<?> start() {
    throw new UnsupportedOperationException("stub");
  }

  /** A commit just appended to {@code partition}'s outbox: read it now rather than at the next sweep. */
  public void poke(int partition) {}

  /** Entries not yet delivered, over every partition: in the streams plus waiting for a retry. */
  public Future<Long> depth() {
    throw new UnsupportedOperationException("stub");
  }
}
