package org.voz.channel;

import java.util.Objects;

/**
 * A message as a channel adapter hands it to the conversation service.
 *
 * @param channel    {@code sms}, {@code whatsapp}, {@code telegram} or {@code sim}
 * @param address    the sender's address on that channel (E.164 number, chat id); never logged
 * @param text       the text, possibly empty
 * @param media      whether it carried media the service cannot read
 * @param providerId the provider's id of this message, e.g. {@code twilio:SM...}: a retry with the same
 *                   id changes nothing
 */
public record InboundMessage(String channel, String address, String text, boolean media, String providerId) {
  public InboundMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    text = text == null ? "" : text;
    Objects.requireNonNull(providerId, "providerId");
  }
}
