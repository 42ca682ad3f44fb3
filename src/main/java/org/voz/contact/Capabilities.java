package org.voz.contact;

/**
 * What a channel can carry, as its module declares it on each outlet ({@code ChannelModule.Outlet}), so that what
 * is common is decided once and each channel renders what it can. The use cases read it through the
 * {@link ChannelCatalog} whenever they ask something of a channel, never its id.
 *
 * @param segments  long texts are cut into billed segments (SMS): replies are rendered and split at commit time,
 *                  within the segment budget, one outbox entry per part
 * @param buttons   choices can also be shown as buttons (Telegram's inline keyboard)
 * @param templates a message Voz writes first may need an approved template (WhatsApp outside 24 hours)
 * @param deletion  what a survivor was shown can be deleted from their chat afterwards (Telegram): when a verified
 *                  conversation ends at once (quick exit, STOP, the idle timeout), the commit asks this channel to
 *                  forget it. (A provider's own stored copy, such as Twilio's message bodies, is the module's
 *                  business: no survivor sees it.)
 * @param voice     the channel speaks and hears keypad digits (no text at all)
 */
public record Capabilities(boolean segments, boolean buttons, boolean templates, boolean deletion, boolean voice) {

  /** Plain text: what a channel can carry when it declares nothing more, or when Voz does not run it. */
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

  public Capabilities withVoice() {
    return new Capabilities(segments, buttons, templates, deletion, true);
  }
}
