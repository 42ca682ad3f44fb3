package org.voz.web.console;

import java.util.List;
import java.util.Map;

/** What the casework templates render (survivors, enrolment, file requests): plain records, like {@link Views}. */
public final class CaseworkViews {

  private CaseworkViews() {}

  /**
   * A form as posted, and its errors by field (each shown next to its field, and listed at the top).
   *
   * @param name which form of the page was posted (a page has several), or null
   */
  public record Form(String name, Map<String, String> values, Map<String, String> errors, List<Problem> summary) {
    public static final Form EMPTY = new Form(null, Map.of(), Map.of());

    public Form {
      values = Map.copyOf(values);
      errors = Map.copyOf(errors);
      summary = List.copyOf(summary);
    }

    /** A form whose error summary lists the errors as they are, each linked to its field. */
    public Form(String name, Map<String, String> values, Map<String, String> errors) {
      this(name, values, errors, errors.entrySet().stream()
          .map(e -> new Problem(e.getKey().replace(':', '-'), e.getValue())).toList());
    }

    public String value(String field) {
      return values.getOrDefault(field, "");
    }

    /** The value posted in this form, else {@code fallback} (what the record holds). */
    public String value(String form, String field, String fallback) {
      return form.equals(name) ? value(field) : fallback;
    }

    public String error(String field) {
      return errors.get(field);
    }

    public boolean hasError(String field) {
      return errors.containsKey(field);
    }

    public boolean failed(String form) {
      return form.equals(name) && !errors.isEmpty();
    }
  }

  /**
   * One line of a form's error summary, at the top of the page: the field's label and its error, linking to the field.
   *
   * @param anchor the id of the field (or of its group's first input)
   */
  public record Problem(String anchor, String text) {}

  /** The caseload: a search by exact case reference, and a page of the member's survivors. */
  public record Caseload(Views.Page page, String ref, boolean searched, List<Row> rows, int pageNo, int pages, int total,
      boolean admin, String caseManager) {
    public boolean hasPrevious() {
      return pageNo > 1;
    }

    public boolean hasNext() {
      return pageNo < pages;
    }
  }

  /** One survivor in a list: ids and codes only, no contact. */
  public record Row(String id, String caseRef, String language, String caseManager, int granted, int pending,
      int openRequests) {}

  /**
   * A survivor's page.
   *
   * @param nextConsentId the id the consent request form offers
   * @param noticeAt      the reference of the file request whose card shows the notice (the page opens there), or null:
   *                      at the top
   */
  public record Survivor(Views.Page page, Record record, List<Consent> consents, List<Event> ledger, boolean chainValid,
      List<HandledAlert> handled, List<Request> requests, Form form, String nextConsentId, String notice, String noticeAt,
      String receipt, boolean admin, List<Option> languages, Keeping keeping) {}

  /** An alert acknowledged on the survivor's case: its type in words, when raised and handled, by whom, the note. */
  public record HandledAlert(String id, String type, String raised, String at, String by, String note) {}

  /**
   * What keeps the record or erases it: its legal hold (empty reason: none), the day the retention job erases it
   * (empty: not set to be erased), and the survivor's own erasure request waiting for a decision (empty: none).
   */
  public record Keeping(boolean held, String holdReason, String holdBy, String holdOn, String eraseOn,
      String requestedOn) {
    public boolean requested() {
      return !requestedOn.isEmpty();
    }
  }

  /** The record's own fields, as the forms show them. */
  public record Record(String id, String caseRef, String caseManager, String language, String languageName, String sms,
      String whatsapp, int telegramChats, String timezone, String from, String to, List<String> channels, String exitedOn,
      boolean locked, String enrolledOn, Risk risk, Representative representative) {
    public boolean safe(String channel) {
      return channels.contains(channel);
    }
  }

  /**
   * A minor's guardian or legal representative as the page shows and edits them (empty strings: none recorded).
   *
   * @param recorded whether the record names one
   * @param phone    their first contact's address, if any
   */
  public record Representative(boolean recorded, String name, String relation, String phone) {
    public static final Representative NONE = new Representative(false, "", "", "");
  }

  /**
   * The record's risk profile: the level it is treated as (its code and words), whether it is a minor's, the date of
   * birth and the interpreter need as the details form shows them.
   *
   * @param writesFirst whether Voz writes first to them on its own at this level (if not, the notice form says so)
   */
  public record Risk(String level, String levelName, boolean minor, String dateOfBirth,
      boolean needsInterpreter, boolean writesFirst) {}

  /**
   * One consent item: what, with whom, for what, until when, its status in words, and what may be recorded.
   *
   * @param awaitsRepresentative a minor's grant waiting for their representative's answer (the page records it)
   */
  public record Consent(String id, String data, String recipient, String purpose, String until, String status,
      String statusText, boolean revocable, boolean grantable, boolean awaitsRepresentative, Labels labels) {}

  /** A consent's data, recipient and purpose as the member reads them: their labels from the catalogue, in their language. */
  public record Labels(String data, String recipient, String purpose) {}

  /** One ledger event as the timeline shows it. */
  public record Event(String at, String what, String who, String how, String consentId, String change, String receipt) {}

  /** One file request, the statuses it may move to, and whether it takes a document. */
  public record Request(String id, String reference, String kind, String delivery, String status, String statusText,
      String opened, String due, boolean document, List<Option> next, boolean takesDocument, String reason) {}

  /** A choice of a select or a radio group: its value and its words. */
  public record Option(String value, String label) {}

  /** The enrolment form. */
  public record Enrol(Views.Page page, Form form, List<Option> languages, boolean admin) {}

  /** The survivor's Telegram link as a QR code, right after enrolment or asked for again. */
  public record Telegram(Views.Page page, String survivorId, String caseRef, String link, String qrSvg, boolean enrolled) {}
}
