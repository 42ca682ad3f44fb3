package org.voz.conversation;

import java.util.Objects;

/**
 * What a survivor sent, already parsed by a channel adapter.
 *
 * @param text    the message text as received (may be empty, e.g. a media message without caption)
 * @param channel {@code sms}, {@code whatsapp}, {@code telegram} or {@code sim}
 * @param media   whether the message carried media (pictures, audio) the service cannot read
 */
public record Inbound(String text, String channel, boolean media) {
  public Inbound {
    text = text == null ? "" : text;
    Objects.requireNonNull(channel, "channel");
  }

  public static Inbound text(String text, String channel) {
    return new Inbound(text, channel, false);
  }
}
