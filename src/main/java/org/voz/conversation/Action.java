package org.voz.conversation;

import java.util.Objects;
import java.util.Set;

/**
 * What choosing an option (or answering an input step) does besides moving on. The set is small on
 * purpose: {@code set_language: pt} switches the survivor's language; {@code quick_exit: true} ends
 * the conversation at once exactly like the reserved word SALIR/EXIT. The consent actions act on the
 * consent selected by a {@code consent_pick} or {@code consent_check} step (session variable
 * {@code consent}): {@code revoke_consent} (granted to revoked), {@code grant_consent} and
 * {@code decline_consent} (pending to granted or declined), {@code defer_consent} (pending stays
 * pending, not asked again in this conversation); {@code record_reason} (input steps) records the
 * answer as the reason of the last change. File requests: {@code request_kind} and {@code request_delivery}
 * (options) keep the code chosen; {@code open_file_request} (input steps) opens the request.
 */
public record Action(String name, String value, Source source) {

  public static final String SET_LANGUAGE = "set_language";
  public static final String QUICK_EXIT = "quick_exit";
  public static final String REVOKE_CONSENT = "revoke_consent";
  public static final String GRANT_CONSENT = "grant_consent";
  public static final String DECLINE_CONSENT = "decline_consent";
  public static final String DEFER_CONSENT = "defer_consent";
  public static final String RECORD_REASON = "record_reason";
  /** Survey actions (see {@code SurveySteps}). */
  public static final String START_SURVEY = "start_survey";
  public static final String DEFER_SURVEY = "defer_survey";
  public static final String SURVEY_MODE = "survey_mode";
  public static final String SHARE_TEXT = "share_text";
  public static final String CODESIGN_OPT_IN = "codesign_opt_in";
  public static final Set<String> SURVEY = Set.of(START_SURVEY, DEFER_SURVEY, SURVEY_MODE, SHARE_TEXT, CODESIGN_OPT_IN);
  /** File requests: the kind ({@code request_kind: copy}) and delivery chosen on options, then the opening. */
  public static final String REQUEST_KIND = "request_kind";
  public static final String REQUEST_DELIVERY = "request_delivery";
  /** On an input step: opens the request, the answer (or nothing, when skipped) being its {@code purpose} or {@code note}. */
  public static final String OPEN_FILE_REQUEST = "open_file_request";
  /** Actions of file requests: only in steps that require the PIN. */
  public static final Set<String> REQUEST = Set.of(REQUEST_KIND, REQUEST_DELIVERY, OPEN_FILE_REQUEST);
  /** Actions that change or select a consent: only in steps that require the PIN. */
  public static final Set<String> CONSENT = Set.of(REVOKE_CONSENT, GRANT_CONSENT, DECLINE_CONSENT, DEFER_CONSENT,
      RECORD_REASON);
  /**
   * A way back to a person (see {@code PersonActions}): the channel and time window chosen on options
   * ({@code contact_channel: call}, {@code contact_window: today}), then {@code request_contact: es} (the language)
   * raises {@code contact.requested}; {@code complaint_mode: anonymous|linked} then the input step's
   * {@code file_complaint} sends a complaint to the safeguarding lead. All only once the PIN is verified.
   */
  public static final String CONTACT_CHANNEL = "contact_channel";
  public static final String CONTACT_WINDOW = "contact_window";
  public static final String REQUEST_CONTACT = "request_contact";
  public static final String COMPLAINT_MODE = "complaint_mode";
  public static final String FILE_COMPLAINT = "file_complaint";
  /** On an input step: the language the survivor names; raises {@code interpreter.requested} (allowed before the PIN). */
  public static final String REQUEST_INTERPRETER = "request_interpreter";
  /**
   * On an option: the survivor asks to have their data erased; raises {@code erasure.requested} for their case manager,
   * who decides. Only in steps that require the PIN.
   */
  public static final String REQUEST_ERASURE = "request_erasure";
  /** Option actions of a way back to a person: only in steps that require the PIN. */
  public static final Set<String> PERSON = Set.of(CONTACT_CHANNEL, CONTACT_WINDOW, REQUEST_CONTACT, COMPLAINT_MODE);
  /** Input step actions (the answer is taken by the action, never kept in the session). */
  public static final Set<String> STEP = Set.of(RECORD_REASON, OPEN_FILE_REQUEST, FILE_COMPLAINT, REQUEST_INTERPRETER);
  public static final Set<String> KNOWN = Set.of(SET_LANGUAGE, QUICK_EXIT, REVOKE_CONSENT, GRANT_CONSENT,
      DECLINE_CONSENT, DEFER_CONSENT, RECORD_REASON, REQUEST_KIND, REQUEST_DELIVERY, OPEN_FILE_REQUEST,
      START_SURVEY, DEFER_SURVEY, SURVEY_MODE, SHARE_TEXT, CODESIGN_OPT_IN, CONTACT_CHANNEL, CONTACT_WINDOW,
      REQUEST_CONTACT, COMPLAINT_MODE, FILE_COMPLAINT, REQUEST_INTERPRETER, REQUEST_ERASURE);

  public Action {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    value = value == null ? "" : value;
  }

  public boolean known() {
    return KNOWN.contains(name);
  }

  public boolean consent() {
    return CONSENT.contains(name);
  }

  public boolean request() {
    return REQUEST.contains(name);
  }
}
