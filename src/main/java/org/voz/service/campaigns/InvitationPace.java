package org.voz.service.campaigns;

import java.time.Duration;

/**
 * The pace of campaign invitations ({@code feedback.invitations} in the configuration).
 *
 * @param every     how often due campaigns are looked for
 * @param perSecond invitation nudges sent per second (their pace in the outbox)
 */
public record InvitationPace(Duration every, int perSecond) {}
