package org.voz.conversation;

import java.util.List;
import java.util.Map;

/** What the shell must do after a step. Effects are data; the shell commits them atomically. */
public sealed interface Effect {

  /**
   * A message to the survivor on the channel they wrote from.
   *
   * @param text    the full rendered text, in the survivor's language
   * @param choices the labels of the numbered choices it offers, in order (Telegram shows them as
   *                buttons); empty when the text asks no choice
   */
  record Reply(String text, List<String> choices) implements Effect {
    public Reply {
      choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static Reply of(String text) {
      return new Reply(text, List.of());
    }
  }

  /** Something a case manager must act on, e.g. {@code pin.locked}; fields go into the alert payload. */
  record RaiseAlert(String type, Map<String, String> fields) implements Effect {
    public RaiseAlert {
      fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
  }

  /** An event appended to the survivor's ledger, e.g. {@code consent.revoked}. */
  record AppendLedger(String type, Map<String, String> fields) implements Effect {
    public AppendLedger {
      fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
  }
}
