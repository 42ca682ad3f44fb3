package org.voz.dispatch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.voz.conversation.Choice;
import org.voz.conversation.Prompts;

/**
 * A reply as the outbox keeps it (sealed): the words and the choices they offer, as structure that each channel
 * renders ({@link #asText()} for a text channel, {@link #buttons()} where buttons exist; a voice channel would
 * read {@link #choices()}). An SMS reply is rendered and cut into parts when it is committed (the segment budget),
 * so each of its entries is one part's text, without choices.
 *
 * @param text      the words before the choices (the whole message when it offers none)
 * @param choices   the choices, each with the key that selects it and its label; empty when it offers none
 * @param menu      the choices are a choice step's menu (a channel with buttons shows them as buttons)
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
public record OutboundText(String text, List<Choice> choices, boolean menu, boolean proactive, String language,
    boolean smsFallback, String answers) {

  public OutboundText {
    choices = choices == null ? List.of() : List.copyOf(choices);
    menu = menu && !choices.isEmpty();
  }

  /** A text without choices, answering an inbound message. */
  public OutboundText(String text) {
    this(text, List.of(), false, false, null, false, null);
  }

  /** An answer to an inbound message with its choices ({@code answers}: see the record). */
  public static OutboundText reply(String text, List<Choice> choices, boolean menu, String answers) {
    return new OutboundText(text, choices, menu, false, null, false, answers);
  }

  /** A message Voz sends first, in {@code language}; SMS may carry it only if {@code smsFallback}. */
  public static OutboundText proactive(String text, String language, boolean smsFallback) {
    return new OutboundText(text, List.of(), false, true, language, smsFallback, null);
  }

  /** The message as a text channel shows it: the text, then one line {@code key. label} per choice. */
  public String asText() {
    return Prompts.numbered(text, choices);
  }

  /** The choices a channel with buttons shows as buttons as well: a menu's; none otherwise. */
  public List<Choice> buttons() {
    return menu ? choices : List.of();
  }

  /**
   * Reads an entry as the outbox stores it, also as versions before this one wrote it: their {@code choices} were
   * the labels of a menu only, numbered from 1, and their text already ended with those numbered lines. Such an
   * entry reads as the same words and numbered choices, so that it is sent exactly as it would have been; when
   * its text does not end with those lines (a part of a long SMS, cut at commit time) it is the text alone, as
   * SMS never showed the choices otherwise.
   */
  @JsonCreator
  static OutboundText stored(@JsonProperty("text") String text, @JsonProperty("choices") JsonNode choices,
      @JsonProperty("menu") boolean menu, @JsonProperty("proactive") boolean proactive,
      @JsonProperty("language") String language, @JsonProperty("smsFallback") boolean smsFallback,
      @JsonProperty("answers") String answers) {
    String words = text;
    List<Choice> read = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (choices != null && choices.isArray()) {
      for (JsonNode choice : choices) {
        if (choice.isTextual()) {
          labels.add(choice.asText());
        } else if (choice.isObject()) {
          read.add(new Choice(choice.path("key").asText(""), choice.path("label").asText("")));
        }
      }
    }
    if (!labels.isEmpty()) { // written before replies carried their choices as structure
      List<Choice> numbered = Choice.numbered(labels);
      String lines = Prompts.numbered("", numbered);
      if (lines.equals(words)) {
        return new OutboundText("", numbered, true, proactive, language, smsFallback, answers);
      }
      if (words != null && words.endsWith("\n" + lines)) {
        return new OutboundText(words.substring(0, words.length() - lines.length() - 1), numbered, true, proactive,
            language, smsFallback, answers);
      }
      return new OutboundText(words, List.of(), false, proactive, language, smsFallback, answers);
    }
    return new OutboundText(words, read, menu, proactive, language, smsFallback, answers);
  }
}
