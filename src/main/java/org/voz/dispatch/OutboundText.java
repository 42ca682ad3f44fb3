package org.voz.dispatch;

import java.util.List;

/**
 * A reply as the outbox keeps it (sealed): the text and the labels of the choices it offers.
 *
 * @param proactive whether Voz writes first rather than answering an inbound message (a nudge about a new
 *                  consent request or feedback invitation): on WhatsApp, outside the 24-hour window, such a
 *                  message goes as an approved template or by SMS. Absent in entries written before it
 *                  existed, which read as {@code false}
 * @param language  the survivor's language, to pick a proactive message's template; may be {@code null}
 * @param smsFallback whether a proactive WhatsApp message may go by SMS when WhatsApp cannot carry it: only
 *                  if the survivor marked SMS safe (a shared phone's SMS inbox is exactly the risk)
 * @param answers   the provider's id of the survivor's own message this answers (a Telegram message_id), or
 *                  {@code null}: when the answer is sensitive, that message is deleted with it (it may be the PIN)
 */
public record OutboundText(String text, List<String> choices, boolean proactive, String language, boolean smsFallback,
    String answers) {
  public OutboundText {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  public OutboundText(String text, List<String> choices, boolean proactive, String language, boolean smsFallback) {
    this(text, choices, proactive, language, smsFallback, null);
  }

  /** An answer to an inbound message. */
  public OutboundText(String text, List<String> choices) {
    this(text, choices, false, null, false);
  }

  /** A message Voz sends first, in {@code language}; SMS may carry it only if {@code smsFallback}. */
  public static OutboundText proactive(String text, String language, boolean smsFallback) {
    return new OutboundText(text, List.of(), true, language, smsFallback);
  }

  /** The same message with another text (a part of a long one). */
  public OutboundText withText(String part) {
    return new OutboundText(part, choices, proactive, language, smsFallback, answers);
  }
}
