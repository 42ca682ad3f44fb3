package org.voz.service.inbound;

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
 * @param messageId  the message's own id in the chat, where the provider lets a bot delete it (a Telegram
 *                   message_id), or {@code null}
 */
public record InboundMessage(String channel, String address, String text, boolean media, String providerId,
    String messageId) {

  public InboundMessage(String channel, String address, String text, boolean media, String providerId) {
    this(channel, address, text, media, providerId, null);
  }

  public InboundMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    text = text == null ? "" : text;
    Objects.requireNonNull(providerId, "providerId");
  }
}
