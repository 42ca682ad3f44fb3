package org.voz.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.voz.consent.LedgerEvent;
import org.voz.consent.Survivor;
import org.voz.conversation.Conversations;
import org.voz.conversation.Text;
import org.voz.feedback.Answer;
import org.voz.staff.Access;
import org.voz.store.AccessLog;
import org.voz.store.FeedbackStore;
import org.voz.store.LedgerReader;

/**
 * A copy of the file: besides the agency's document, what Voz itself holds about the survivor, as a plain
 * page in their language: their consents (what, with whom, what for, until when, status), their requests,
 * the feedback they gave with their name (linked answers; anonymous ones lead to nobody), the full ledger, who on the
 * staff viewed or changed their record and when, how long each thing is kept, and their rights. Shown once the PIN was checked.
 */
final class CopySummary {

  private final Conversations conversations;
  private final LedgerReader ledgers;
  private final FeedbackStore feedback;
  private final Duration documentLifetime;
  private final AccessLog accesses;

  CopySummary(Conversations conversations, LedgerReader ledgers, FeedbackStore feedback, Duration documentLifetime,
      AccessLog accesses) {
    this.accesses = accesses;
    this.conversations = conversations;
    this.ledgers = ledgers;
    this.feedback = feedback;
    this.documentLifetime = documentLifetime;
  }

  /** The page, with {@code documentPath} (a one-time link to the agency's PDF). */
  Future<String> page(Survivor survivor, String language, String documentPath) {
    Future<List<Answer>> answers = linkedAnswers(survivor);
    Future<List<Access>> looked = accesses.read(survivor.id());
    return ledgers.read(survivor.id(), survivor.ledgerHead()).compose(ledger -> answers.compose(given -> looked.map(access -> {
      StringBuilder b = new StringBuilder();
      b.append("<h1>").append(t("copy_title", language)).append("</h1>");
      b.append("<p><a href=\"").append(DownloadHtml.escape(documentPath)).append("\">")
          .append(t("copy_document", language)).append("</a></p>");
      b.append("<h2>").append(t("copy_consents", language)).append("</h2>");
      rows(b, survivor.consents().stream().map(c -> List.of(label("data", c.data(), language),
          label("recipient", c.recipient(), language), label("purpose", c.purpose(), language),
          date(c.until() == null ? null : c.until().toString(), language), conversations.statusWord(c.status(), language)))
          .toList());
      b.append("<h2>").append(t("copy_requests", language)).append("</h2>");
      rows(b, survivor.requests().stream().map(r -> List.of(r.reference(), label("request_kind", r.kind(), language),
          label("request_status", r.status(), language), day(r.openedAt(), language), r.purpose() + r.note()))
          .toList());
      b.append("<h2>").append(t("copy_feedback", language)).append("</h2>");
      rows(b, given.stream().map(a -> List.of(a.campaignId(), a.questionId(), a.skipped() ? "-"
          : a.text() != null ? a.text() : String.join(", ", a.values()))).toList());
      b.append("<h2>").append(t("copy_history", language)).append("</h2>");
      rows(b, ledger.events().stream().map(e -> List.of(day(e.at(), language), event(e, survivor, language),
          e.receipt() == null ? "" : e.receipt())).toList());
      b.append("<h2>").append(t("copy_access", language)).append("</h2>");
      rows(b, access.stream().map(a -> List.of(day(a.at(), language), a.staffId(),
          label("access", a.view() ? a.what() : "change", language))).toList());
      b.append("<p>").append(t("copy_retention", language)).append(' ')
          .append(DownloadHtml.escape(Text.fill(conversations.systemText("copy_documents_kept", language),
              Map.of("days", String.valueOf(Math.max(1, documentLifetime.toDays())))))).append("</p>");
      b.append("<p>").append(t("copy_rights", language)).append(' ').append(t("copy_complain", language)).append("</p>");
      b.append("<p>").append(t("copy_source", language)).append("</p>");
      return DownloadHtml.page(language, b.toString());
    })));
  }

  /** The answers the survivor gave with their name (linked), campaign by campaign; anonymous ones are nobody's. */
  private Future<List<Answer>> linkedAnswers(Survivor survivor) {
    List<Future<List<Answer>>> each = survivor.feedback().invitations().stream()
        .filter(i -> "linked".equals(i.mode()))
        .map(i -> feedback.linkedAnswers(i.campaignId(), survivor.id(), conversations.surveys().stream()
            .filter(s -> s.id().equals(i.surveyId())).findFirst()
            .map(s -> s.questions().stream().map(org.voz.feedback.Question::id).toList()).orElse(List.of())))
        .toList();
    return Future.all(each).map(done -> each.stream().flatMap(f -> f.result().stream()).toList());
  }

  /**
   * An event in plain words ({@code labels: event:}, one for every type: {@code voz validate} requires them), with what
   * it was about: a consent's what and with whom, a file request's reference. Never a code or an id.
   */
  private String event(LedgerEvent e, Survivor survivor, String language) {
    String words = label("event", e.type(), language);
    String about = about(e, survivor, language);
    return about.isEmpty() ? words : words + ": " + about;
  }

  private String about(LedgerEvent e, Survivor survivor, String language) {
    if (!e.consentId().isEmpty()) {
      return survivor.consents().stream().filter(c -> c.id().equals(e.consentId())).findFirst()
          .map(c -> label("data", c.data(), language) + ", " + label("recipient", c.recipient(), language))
          .orElse("");
    }
    String requestId = e.details().get("requestId");
    return requestId == null ? "" : survivor.requests().stream().filter(r -> r.id().equals(requestId)).findFirst()
        .map(org.voz.requests.FileRequest::reference).filter(reference -> !reference.equals(e.receipt())).orElse("");
  }

  private void rows(StringBuilder b, List<List<String>> rows) {
    if (rows.isEmpty()) {
      b.append("<p>-</p>");
      return;
    }
    b.append("<table>");
    rows.forEach(row -> {
      b.append("<tr>");
      row.forEach(cell -> b.append("<td>").append(DownloadHtml.escape(cell)).append("</td>"));
      b.append("</tr>");
    });
    b.append("</table>");
  }

  private String t(String key, String language) {
    return DownloadHtml.escape(conversations.systemText(key, language));
  }

  private String label(String kind, String code, String language) {
    return conversations.label(kind, code, language);
  }

  private String date(String iso, String language) {
    return conversations.date(iso, language);
  }

  private String day(java.time.Instant at, String language) {
    return at == null ? "-" : date(LocalDate.ofInstant(at, ZoneOffset.UTC).toString(), language);
  }
}
