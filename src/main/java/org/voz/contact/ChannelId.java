package org.voz.contact;

import java.util.regex.Pattern;

/**
 * A channel's name as contacts, outbox entries and sessions carry it: {@code sms}, {@code whatsapp},
 * {@code telegram}, {@code sim} (the dev simulator). A type, so that a channel is never a misspelt string;
 * stored as its {@link #value()}, which never changes for a channel once data names it.
 */
public record ChannelId(String value) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  public static final ChannelId SMS = new ChannelId("sms");
  public static final ChannelId WHATSAPP = new ChannelId("whatsapp");
  public static final ChannelId TELEGRAM = new ChannelId("telegram");
  public static final ChannelId SIMULATOR = new ChannelId("sim");

  public ChannelId {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("a channel id is a short lower-case name");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
