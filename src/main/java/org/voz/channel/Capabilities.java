package org.voz.channel;

/**
 * What a channel can carry, so that what is common is decided once and each channel renders what it can.
 *
 * @param segments  long texts are cut into billed segments (SMS): replies are split at commit time to the budget
 * @param buttons   choices can also be shown as buttons (Telegram's inline keyboard)
 * @param templates a message Voz writes first may need an approved template (WhatsApp outside 24 hours)
 * @param deletion  messages can be deleted after they were read (Telegram; Twilio's stored bodies)
 * @param voice     the channel speaks and hears keypad digits (no text at all)
 */
public record Capabilities(boolean segments, boolean buttons, boolean templates, boolean deletion, boolean voice) {

  public static final Capabilities TEXT = new Capabilities(false, false, false, false, false);

  public Capabilities withSegments() {
    return new Capabilities(true, buttons, templates, deletion, voice);
  }

  public Capabilities withButtons() {
    return new Capabilities(segments, true, templates, deletion, voice);
  }

  public Capabilities withTemplates() {
    return new Capabilities(segments, buttons, true, deletion, voice);
  }

  public Capabilities withDeletion() {
    return new Capabilities(segments, buttons, templates, true, voice);
  }
}
