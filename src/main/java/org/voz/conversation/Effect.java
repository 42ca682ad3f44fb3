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

  /**
   * The survivor changed one consent (revoked, granted or declined it). The shell writes the new status
   * into the survivor's record, appends the ledger event (hash-chained) and raises the case manager's
   * alert in the same atomic commit.
   *
   * @param consentId the consent item's id
   * @param from      its status before ({@code granted}, {@code pending}, ...)
   * @param to        its new status ({@code revoked}, {@code granted}, {@code declined}, ...)
   * @param receipt   the short receipt code shown to the survivor (deterministic, computed by the engine)
   * @param shown     the exact text the survivor saw and answered (the confirmation), for the ledger
   * @param flow      the flow id and {@code flowVersion} its version, for the ledger
   * @param reason    an optional reason the survivor gave (empty if skipped)
   */
  record ConsentChanged(
      String consentId, String from, String to, String receipt, String shown, String flow, int flowVersion,
      String reason) implements Effect {
    public ConsentChanged {
      java.util.Objects.requireNonNull(consentId, "consentId");
      java.util.Objects.requireNonNull(to, "to");
      reason = reason == null ? "" : reason;
    }
  }

  /**
   * One answer to a survey question (or a skip). An anonymous answer carries no survivor id: the shell
   * stores it apart from everything about the survivor ({@code FeedbackStore}) and writes nothing of it in
   * the commit, the ledger, the outbox or a log line.
   */
  record FeedbackAnswered(org.voz.feedback.Answer answer) implements Effect {
    public FeedbackAnswered {
      java.util.Objects.requireNonNull(answer, "answer");
    }
  }

  /** Where the survivor is in a campaign's survey: the shell keeps it in their record, to resume later. */
  record SurveyProgress(org.voz.feedback.Invitation invitation) implements Effect {
    public SurveyProgress {
      java.util.Objects.requireNonNull(invitation, "invitation");
    }
  }

  /**
   * A new consent item the survivor asked for themselves (the co-design invitation): the shell adds it as
   * {@code pending} (until: its configured term), and the {@link ConsentChanged} that follows grants it.
   */
  record ConsentAdded(String consentId, String data, String recipient, String purpose) implements Effect {
    public ConsentAdded {
      java.util.Objects.requireNonNull(consentId, "consentId");
    }
  }
}
