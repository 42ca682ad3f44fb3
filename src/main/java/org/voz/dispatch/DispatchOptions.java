package org.voz.dispatch;

import java.time.Duration;

/**
 * How the outbox dispatcher works.
 *
 * @param consumerName  this instance's consumer name in the group (unique per instance)
 * @param batchSize     entries read per partition per read
 * @param sweepInterval how often every partition is read and due retries are promoted
 * @param claimIdle     an entry pending this long with a consumer is taken over (XAUTOCLAIM): its instance died
 * @param maxAttempts   attempts before an entry is dead-lettered
 * @param backoffBase   first retry delay; doubled per attempt, with jitter
 * @param backoffMax    retry delay ceiling
 */
public record DispatchOptions(
    String consumerName,
    int batchSize,
    Duration sweepInterval,
    Duration claimIdle,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax) {}
