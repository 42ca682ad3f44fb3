package org.voz.safety;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import org.voz.contact.ChannelId;

/**
 * When and where Voz may write first to a survivor: the hours of the day in their time zone, and the
 * channels they marked safe (empty = any of their contacts). A reply to the survivor is never held back:
 * this governs only the messages Voz sends on its own (a new request's nudge, an invitation). Pure.
 *
 * @param timezone IANA zone id, e.g. {@code America/Guatemala}
 * @param from     first allowed minute of the day (inclusive)
 * @param to       end of the allowed hours (exclusive); after {@code from}
 * @param channels channels Voz may write first on; empty means every contact's channel
 */
public record ContactWindow(String timezone, LocalTime from, LocalTime to, List<String> channels) {

  public ContactWindow {
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    try {
      ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone " + timezone);
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("contact hours must start before they end");
    }
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  public boolean allows(String channel) {
    return channels.isEmpty() || channels.contains(channel);
  }

  public boolean allows(ChannelId channel) {
    return allows(channel.value());
  }

  /** {@code now} if it is within the hours, else the start of the next allowed period. */
  public Instant nextAllowed(Instant now) {
    ZonedDateTime local = now.atZone(ZoneId.of(timezone));
    LocalTime time = local.toLocalTime();
    if (!time.isBefore(from) && time.isBefore(to)) {
      return now;
    }
    ZonedDateTime start = local.with(from).withSecond(0).withNano(0);
    if (!time.isBefore(to)) {
      start = start.plusDays(1);
    }
    return start.toInstant();
  }
}
