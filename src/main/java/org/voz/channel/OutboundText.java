package org.voz.channel;

import java.util.List;

/** A reply as the outbox keeps it (sealed): the text and the labels of the choices it offers. */
public record OutboundText(String text, List<String> choices) {
  public OutboundText {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }
}
