package org.voz.conversation;

import java.util.List;
import java.util.Map;

/** What the shell must do after a step. Effects are data; the shell commits them atomically. */
public sealed interface Effect {

  /**
   * A message to the survivor on the channel they wrote from, as structure that each channel renders: SMS,
   * WhatsApp and Telegram show {@link #text()} (the prompt, then one line {@code key. label} per choice), Telegram
   * offers a menu's choices as buttons too, and a voice channel could say "press 1 for …" from the same choices.
   *
   * @param prompt    everything said before the choices, in the survivor's language (the whole message when it
   *                  offers none)
   * @param choices   what the survivor can answer with, in order: each choice's key and label; empty when the
   *                  message asks no choice (a rating or free-text question explains its answer in the prompt)
   * @param menu      the choices are a choice step's, one of which answers it (Telegram also shows them as
   *                  buttons); false for a survey question's numbered answers, which are typed (several at once for
   *                  a multiple choice), and for a message without choices
   * @param sensitive whether any of it was said while the survivor was verified (it may show personal
   *                data), or it answers a PIN attempt: on Telegram such messages, and the survivor's message
   *                they answer, are deleted from the chat once the conversation ends
   */
  record Reply(String prompt, List<Choice> choices, boolean menu, boolean sensitive) implements Effect {
    public Reply {
      java.util.Objects.requireNonNull(prompt, "prompt");
      choices = choices == null ? List.of() : List.copyOf(choices);
      menu = menu && !choices.isEmpty();
    }

    /** A message without choices. */
    public static Reply of(String text) {
      return new Reply(text, List.of(), false, false);
    }

    /** The same message, marked sensitive (or not). */
    public Reply withSensitive(boolean sensitive) {
      return new Reply(prompt, choices, menu, sensitive);
    }

    /** The message as one text: the prompt, then one line {@code key. label} per choice ({@link Prompts#numbered}). */
    public String text() {
      return Prompts.numbered(prompt, choices);
    }

    /** The choices a channel with buttons shows as buttons: a menu's; none otherwise. */
    public List<Choice> buttons() {
      return menu ? choices : List.of();
    }
  }

  /**
   * Something a case manager must act on, e.g. {@code pin.locked}; fields go into the alert payload.
   *
   * @param id the alert's id when it must be the same each time the same cause raises it; {@code null}: a new one
   */
  record RaiseAlert(String type, Map<String, String> fields, String id) implements Effect {
    public RaiseAlert {
      fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** A new alert each time (no id of its own); see {@link #withId}. */
    public RaiseAlert(String type, Map<String, String> fields) {
      this(type, fields, null);
    }

    /** The same alert with the id it keeps each time the same cause raises it. */
    public RaiseAlert withId(String id) {
      return new RaiseAlert(type, fields, id);
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
   *
   * <p>Built by name: {@link #of} gives a change with none of the conversation's details (empty receipt,
   * text, flow, reason; version 0), as staff and the expiry job make it; a chat adds its own with the
   * {@code with…} methods, e.g. {@code ConsentChanged.of(id, "granted", "revoked").withReceipt(r).withShown(text)
   * .withFlow("revoke", 1)}.
   */
  record ConsentChanged(
      String consentId, String from, String to, String receipt, String shown, String flow, int flowVersion,
      String reason) implements Effect {
    public ConsentChanged {
      java.util.Objects.requireNonNull(consentId, "consentId");
      java.util.Objects.requireNonNull(to, "to");
      reason = reason == null ? "" : reason;
    }

    /** A change from {@code from} to {@code to} made outside a conversation: no receipt, text, flow or reason. */
    public static ConsentChanged of(String consentId, String from, String to) {
      return new ConsentChanged(consentId, from, to, "", "", "", 0, "");
    }

    public ConsentChanged withReceipt(String receipt) {
      return new ConsentChanged(consentId, from, to, receipt, shown, flow, flowVersion, reason);
    }

    public ConsentChanged withShown(String shown) {
      return new ConsentChanged(consentId, from, to, receipt, shown, flow, flowVersion, reason);
    }

    /** The flow the survivor answered in, and its version. */
    public ConsentChanged withFlow(String flow, int flowVersion) {
      return new ConsentChanged(consentId, from, to, receipt, shown, flow, flowVersion, reason);
    }

    public ConsentChanged withReason(String reason) {
      return new ConsentChanged(consentId, from, to, receipt, shown, flow, flowVersion, reason);
    }
  }

  /**
   * The survivor asked for a document. The shell adds the request to the survivor's record and appends
   * the ledger event {@code file_request.opened} in the same commit (the alert is a {@link RaiseAlert}).
   */
  record FileRequestOpened(org.voz.requests.FileRequest request, String flow, int flowVersion) implements Effect {
    public FileRequestOpened {
      java.util.Objects.requireNonNull(request, "request");
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
   * The survivor read a "what we changed" update (a {@code news} step said it, after their PIN): the shell marks it
   * read in their record (its texts dropped, its ids kept), so that it is said once.
   */
  record NewsRead(String campaignId, String updateId) implements Effect {
    public NewsRead {
      java.util.Objects.requireNonNull(campaignId, "campaignId");
      java.util.Objects.requireNonNull(updateId, "updateId");
    }
  }

  /**
   * The survivor asked, in the chat, to have their data erased: the shell opens the request in their record (once:
   * asking again while one is open changes nothing) and appends {@code erasure.requested}; their case manager decides
   * (the alert is a {@link RaiseAlert}).
   */
  record ErasureRequested() implements Effect {}

  /** The survivor was told (an {@code erasure_news} step) that their erasure request was refused: said once. */
  record ErasureRefusalTold() implements Effect {}

  /**
   * A verified conversation ended in a way that must leave nothing on the phone at once: the quick exit
   * (word or option), STOP, or the idle timeout (seen at the next message). The shell deletes the sensitive
   * messages of the survivor's chats that can be deleted (Telegram). A conversation that ends at an end step
   * emits none, so that the survivor can read its last words: those are deleted once the chat has been quiet
   * for the idle timeout (the shell's periodic sweep, which also covers conversations simply abandoned).
   */
  record ForgetShown() implements Effect {}

  /**
   * A new consent item the survivor asked for themselves (the co-design invitation): the shell adds it as
   * {@code pending} (until: its configured term), and the {@link ConsentChanged} that follows grants it.
   */
  record ConsentAdded(String consentId, String data, String recipient, String purpose) implements Effect {
    public ConsentAdded {
      java.util.Objects.requireNonNull(consentId, "consentId");
    }
  }

  /**
   * The survivor asked for someone who speaks their language, naming it in their own words ({@code named}: free
   * text, sealed with the ledger event, never logged nor put into the alert). The shell marks the record
   * {@code needsInterpreter} and appends the ledger event {@code interpreter.requested}; the alert is a
   * {@link RaiseAlert}.
   */
  record InterpreterRequested(String named) implements Effect {
    public InterpreterRequested {
      named = named == null ? "" : named;
    }
  }

  /**
   * A complaint about how the survivor was treated, outside any survey: the shell sends it to the safeguarding
   * lead only ({@code feedback.escalated}), never to the case manager, never into the ledger or a log line.
   *
   * @param text      the survivor's words
   * @param anonymous true: nothing that leads back to the survivor goes with it
   * @param language  the language the survivor wrote in
   * @param turn      the message's number in the conversation: with the survivor id, what makes a retry the same complaint
   */
  record Complaint(String text, boolean anonymous, String language, long turn) implements Effect {
    public Complaint {
      java.util.Objects.requireNonNull(text, "text");
    }
  }
}
