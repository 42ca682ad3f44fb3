package org.voz.conversation;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voz.consent.Receipts;
import org.voz.requests.FileRequest;
import org.voz.requests.FileRequests;

/**
 * File requests in a conversation: the kind and the delivery chosen are kept in the session as codes
 * ({@code request_kind}, {@code request_delivery}); {@code open_file_request} turns them and the
 * survivor's answer into a {@link FileRequest} with a reference and a due date, and forgets them.
 */
final class RequestActions {

  static final String VAR_KIND = "request_kind";
  static final String VAR_DELIVERY = "request_delivery";
  /** Requests shown at most in {@code {requests}}: the latest ones. */
  static final int SHOWN = 2;
  /** The variables the requests give flow texts, only once the PIN is verified. */
  static final java.util.Set<String> VARIABLES = java.util.Set.of("requests", "reference", "due");

  private final Conversations conversations;
  private final Duration due;

  RequestActions(Conversations conversations, Duration due) {
    if (due.isNegative() || due.isZero()) {
      throw new IllegalArgumentException("the due period of a file request must be positive");
    }
    this.conversations = conversations;
    this.due = due;
  }

  /** {@code request_kind: copy} or {@code request_delivery: link} on a chosen option. */
  static void choose(Draft d, Action action) {
    if (!d.verified) {
      return;
    }
    if (action.name().equals(Action.REQUEST_KIND) && FileRequests.KINDS.contains(action.value())) {
      d.vars.put(VAR_KIND, action.value());
    } else if (action.name().equals(Action.REQUEST_DELIVERY) && FileRequests.DELIVERIES.contains(action.value())) {
      d.vars.put(VAR_DELIVERY, action.value());
    }
  }

  /**
   * Opens the request drafted in this conversation, {@code answer} being its purpose or note (the
   * action's value). False when there is nothing to open (no kind or delivery chosen).
   */
  boolean open(Draft d, Action action, String answer, String flowId, SurvivorView view, java.time.Instant now) {
    String kind = d.vars.remove(VAR_KIND);
    String delivery = d.vars.remove(VAR_DELIVERY);
    if (!d.verified || kind == null || delivery == null) {
      return false;
    }
    String reference = "R-" + Receipts.of(String.valueOf(view.survivorId()), "request", d.turn(), kind);
    boolean note = action.value().equals("note");
    FileRequest request = new FileRequest(FileRequests.id(view.survivorId(), reference), kind, note ? answer : "",
        note ? "" : answer, delivery, "open", "", reference, now, now.plus(due), now, null, false, false);
    d.opened.add(request);
    if (d.vars.containsKey(Answers.VAR_DURESS)) {
      return true; // the harmless conversation of a duress PIN: it looks done, nothing is asked of anyone
    }
    int version = conversations.flowVersionNumber(flowId);
    d.effects.add(new Effect.FileRequestOpened(request, flowId, version));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("requestId", request.id());
    fields.put("reference", reference);
    fields.put("requestKind", kind);
    fields.put("delivery", delivery);
    fields.put("dueAt", request.dueAt().toString());
    d.effects.add(new Effect.RaiseAlert("file_request.opened", fields));
    return true;
  }

  /** The requests as the survivor sees them now: the record's and those opened in this step. */
  static List<FileRequest> effective(Draft d, SurvivorView view) {
    if (d.opened.isEmpty()) {
      return view.requests();
    }
    List<FileRequest> all = new ArrayList<>(view.requests());
    all.addAll(d.opened);
    return all;
  }

  /** {@code {requests}} (the latest few, newest first), and {@code {reference}}, {@code {due}} of the one just opened. */
  Map<String, String> variables(Draft d, SurvivorView view, String language) {
    Map<String, String> vars = new LinkedHashMap<>();
    List<FileRequest> all = effective(d, view);
    vars.put("requests", render(all, language));
    if (!d.opened.isEmpty()) {
      FileRequest last = d.opened.get(d.opened.size() - 1);
      vars.put("reference", last.reference());
      vars.put("due", date(last, language));
    }
    return vars;
  }

  String render(List<FileRequest> requests, String language) {
    if (requests.isEmpty()) {
      return conversations.systemText("requests_none", language);
    }
    List<String> lines = new ArrayList<>();
    for (int i = requests.size() - 1; i >= 0 && lines.size() < SHOWN; i--) {
      lines.add(line(requests.get(i), language));
    }
    return String.join("\n", lines);
  }

  private String line(FileRequest r, String language) {
    String line = Text.fill(conversations.systemText("request_line", language), Map.of(
        "reference", r.reference(),
        "kind", conversations.label("request_kind", r.kind(), language),
        "status", conversations.label("request_status", r.status(), language)));
    if (r.pending()) {
      line = line + " " + Text.fill(conversations.systemText("request_due", language), Map.of("due", date(r, language)));
    }
    if (r.status().equals("refused") && !r.reason().isBlank()) {
      line = line + " " + Text.fill(conversations.systemText("request_reason", language), Map.of("reason", r.reason()));
    }
    return line;
  }

  private String date(FileRequest r, String language) {
    return conversations.date(LocalDate.ofInstant(r.dueAt(), ZoneOffset.UTC).toString(), language);
  }
}
