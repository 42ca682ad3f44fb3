package org.voz.conversation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What conversations/system.yaml holds: the languages, the reserved words of every language, the
 * system texts and the translated consent status words.
 *
 * @param reserved        kind to language to the words (as written) of that kind
 * @param reservedSources where each family of reserved words is written
 */
public record SystemTexts(
    List<String> languages,
    Map<ReservedWord, Map<String, List<String>>> reserved,
    Map<String, Text> texts,
    Map<String, Text> statuses,
    Map<ReservedWord, Source> reservedSources,
    Source source,
    Map<String, Map<String, Text>> labels,
    Map<String, List<String>> months,
    Map<String, List<String>> moreWords) {

  /** Every system text the engine needs, and the variables each may use. */
  public static final Map<String, Set<String>> REQUIRED_TEXTS = Map.ofEntries(
      Map.entry("help", Set.of()),
      Map.entry("stop", Set.of()),
      Map.entry("start", Set.of()),
      Map.entry("quick_exit", Set.of()),
      Map.entry("timed_out", Set.of()),
      Map.entry("invalid", Set.of()),
      Map.entry("invalid_twice", Set.of()),
      Map.entry("wrong_pin", Set.of()),
      Map.entry("locked", Set.of()),
      Map.entry("unknown_sender", Set.of()),
      Map.entry("media", Set.of()),
      Map.entry("consents_none", Set.of()),
      Map.entry("nudge", Set.of()),
      Map.entry("consent_line", Set.of("n", "data", "recipient", "purpose", "until", "status")));

  /**
   * The texts of a minor's representative's chat ({@code service.inbound.RepresentativeChat}), required as soon as a flow
   * takes consents (as {@link #CONSENT_TEXTS}): the
   * neutral PIN prompt, one grant to answer (the variables of {@code consent_line} but its number and status), the
   * answers' thanks and "nothing to answer".
   */
  public static final Map<String, Set<String>> REPRESENTATIVE_TEXTS = Map.ofEntries(
      Map.entry("rep_pin", Set.of()),
      Map.entry("rep_consent", Set.of("data", "recipient", "purpose", "until")),
      Map.entry("rep_confirmed", Set.of()),
      Map.entry("rep_declined", Set.of()),
      Map.entry("rep_none", Set.of()));

  /**
   * System texts the consent steps and actions need; required as soon as a flow uses one of them, with
   * the variables each may use.
   */
  public static final Map<String, Set<String>> CONSENT_TEXTS = Map.ofEntries(
      Map.entry("consents_more", Set.of("range", "total")),
      Map.entry("consents_last", Set.of("range", "total")),
      Map.entry("consent_not_changeable", Set.of()),
      Map.entry("consent_gone", Set.of()),
      Map.entry("date", Set.of("day", "month", "year")));

  /**
   * System texts of file requests, required as soon as a flow uses a request action or variable:
   * {@code {requests}} lines, the shell's proactive messages at a status change ({@code request_news},
   * {@code request_link}, both neutral: they say only that there is a message), and the engine's "nothing to open".
   */
  public static final Map<String, Set<String>> REQUEST_TEXTS = Map.ofEntries(
      Map.entry("requests_none", Set.of()),
      Map.entry("request_line", Set.of("reference", "kind", "status")),
      Map.entry("request_due", Set.of("due")),
      Map.entry("request_reason", Set.of("reason")),
      Map.entry("request_gone", Set.of()),
      Map.entry("request_news", Set.of()),
      Map.entry("request_link", Set.of("link", "days")),
      Map.entry("download_pin", Set.of()),
      Map.entry("download_button", Set.of()),
      Map.entry("download_gone", Set.of()),
      Map.entry("copy_title", Set.of()),
      Map.entry("copy_document", Set.of()),
      Map.entry("copy_consents", Set.of()),
      Map.entry("copy_requests", Set.of()),
      Map.entry("copy_history", Set.of()),
      Map.entry("copy_access", Set.of()),
      Map.entry("copy_retention", Set.of()),
      Map.entry("copy_documents_kept", Set.of("days")),
      Map.entry("copy_rights", Set.of()),
      Map.entry("copy_complain", Set.of()),
      Map.entry("copy_source", Set.of()));

  /**
   * The kinds of codes that {@code labels:} translates: a consent's what, with whom, what for; a file
   * request's kind and status (every one of them required once a flow uses requests); what staff did with the
   * record, in the survivor's copy of their file ({@link #ACCESS_LABELS}, every one required).
   */
  public static final List<String> LABEL_KINDS = List.of("data", "recipient", "purpose", "request_kind", "request_status",
      "access", "event");

  /** The access labels: each view staff make of a survivor's personal data, and {@code change} for every change. */
  public static final List<String> ACCESS_LABELS = List.of("survivor_page", "consents", "ledger", "file_requests", "change");

  public static final List<String> STATUSES =
      List.of("pending", "granted", "granted_pending_confirmation", "pending_representative", "declined", "revoked",
          "expired");

  /**
   * Every type of event a survivor's ledger holds, each shown in plain words in the copy of their file ({@code labels:
   * event:}, every one required): a consent reaching each status, proposed, and the reason given; a file request opened,
   * reaching each status, its document added and downloaded; the record's upkeep. A new ledger event type goes here,
   * with its label in every language ({@code voz validate} fails without it).
   */
  public static final List<String> EVENT_LABELS = java.util.stream.Stream.of(
      STATUSES.stream().map(s -> "consent." + s),
      java.util.stream.Stream.of("consent.proposed", "consent.reason", "file_request.opened"),
      org.voz.requests.FileRequests.STATUSES.stream().map(s -> "file_request." + s),
      java.util.stream.Stream.of("file_request.document", "file_request.downloaded", "contact.linked", "contact.removed",
          "record.amended", "record.transferred", "pin.reset", "notice.sent", "risk.changed", "interpreter.requested",
          "record.came_of_age", "hold.placed", "hold.lifted", "erasure.requested", "erasure.refused"))
      .flatMap(s -> s).toList();

  /** The record without labels, months or paging words (an older system.yaml). */
  public SystemTexts(List<String> languages, Map<ReservedWord, Map<String, List<String>>> reserved,
      Map<String, Text> texts, Map<String, Text> statuses, Map<ReservedWord, Source> reservedSources, Source source) {
    this(languages, reserved, texts, statuses, reservedSources, source, Map.of(), Map.of(), Map.of());
  }

  public SystemTexts {
    Objects.requireNonNull(source, "source");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    months = months == null ? Map.of() : Map.copyOf(months);
    moreWords = moreWords == null ? Map.of() : Map.copyOf(moreWords);
    languages = List.copyOf(languages);
    Map<ReservedWord, Map<String, List<String>>> ordered = new java.util.EnumMap<>(ReservedWord.class);
    ordered.putAll(reserved);
    reserved = java.util.Collections.unmodifiableMap(ordered);
    texts = Map.copyOf(texts);
    statuses = Map.copyOf(statuses);
    reservedSources = Map.copyOf(reservedSources);
  }

  /** Where the words of a reserved family are written. */
  public Source sourceOf(ReservedWord kind) {
    return reservedSources.getOrDefault(kind, source);
  }

  public String defaultLanguage() {
    return languages.isEmpty() ? "es" : languages.get(0);
  }

  public Text text(String key) {
    return texts.get(key);
  }
}
