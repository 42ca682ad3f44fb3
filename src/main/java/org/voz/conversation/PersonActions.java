package org.voz.conversation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A way back to a person: asking to talk to someone (channel, time window, language: codes only, kept in the
 * session as {@code contact_channel} and {@code contact_window} until {@code request_contact} raises
 * {@code contact.requested}), asking for an interpreter (the language named in the survivor's words goes only
 * into a sealed effect), and a complaint to the safeguarding lead (anonymous or linked, as chosen).
 */
final class PersonActions {

  static final String VAR_CHANNEL = "contact_channel";
  static final String VAR_WINDOW = "contact_window";
  static final String VAR_COMPLAINT_MODE = "complaint_mode";
  /** Set by a quick exit: the next conversation, once verified, offers a person ({@code exit_check}). */
  static final String VAR_AFTER_EXIT = "after_exit";

  /** How the survivor wants to be reached: a phone call, a message on this chat, or in person. */
  static final Set<String> CHANNELS = Set.of("call", "message", "in_person");
  /** When: as soon as possible, later today, another day. */
  static final Set<String> WINDOWS = Set.of("now", "today", "another_day");
  static final Set<String> COMPLAINT_MODES = Set.of("anonymous", "linked");

  private PersonActions() {}

  /** An option's {@code contact_channel}, {@code contact_window}, {@code complaint_mode}: kept as codes. */
  static void choose(Draft d, Action action) {
    if (!d.verified) {
      return;
    }
    switch (action.name()) {
      case Action.CONTACT_CHANNEL -> keep(d, VAR_CHANNEL, action.value(), CHANNELS);
      case Action.CONTACT_WINDOW -> keep(d, VAR_WINDOW, action.value(), WINDOWS);
      case Action.COMPLAINT_MODE -> keep(d, VAR_COMPLAINT_MODE, action.value(), COMPLAINT_MODES);
      default -> { }
    }
  }

  private static void keep(Draft d, String var, String value, Set<String> known) {
    if (known.contains(value)) {
      d.vars.put(var, value);
    }
  }

  /**
   * {@code request_contact: <language>}: the alert {@code contact.requested} with the channel, the window and the
   * language (codes only); the codes are forgotten. False when the channel or window is missing (e.g. after a
   * timeout): nothing is raised.
   */
  static boolean requestContact(Draft d, Action action) {
    String channel = d.vars.remove(VAR_CHANNEL);
    String window = d.vars.remove(VAR_WINDOW);
    if (!d.verified || channel == null || window == null) {
      return false;
    }
    if (d.vars.containsKey(Answers.VAR_DURESS)) {
      return true; // the harmless conversation of a duress PIN: it looks done, nothing is asked of anyone
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("channel", channel);
    fields.put("window", window);
    fields.put("language", action.value().isBlank() ? d.language : action.value());
    d.effects.add(new Effect.RaiseAlert("contact.requested", fields));
    return true;
  }

  /** {@code request_interpreter}: the named language (sealed, in the effect only) and the alert, with codes only. */
  static void requestInterpreter(Draft d, String named) {
    if (d.vars.containsKey(Answers.VAR_DURESS)) {
      return;
    }
    d.effects.add(new Effect.InterpreterRequested(named));
    d.effects.add(new Effect.RaiseAlert("interpreter.requested", Map.of("language", d.language)));
  }

  /** {@code file_complaint}: the complaint to the safeguarding lead; false when no mode was chosen. */
  static boolean fileComplaint(Draft d, String text) {
    String mode = d.vars.remove(VAR_COMPLAINT_MODE);
    if (!d.verified || mode == null) {
      return false;
    }
    if (!d.vars.containsKey(Answers.VAR_DURESS)) {
      d.effects.add(new Effect.Complaint(text, !mode.equals("linked"), d.language, d.turn()));
    }
    return true;
  }
}
