package org.voz.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of file requests: kinds, deliveries, statuses and the status changes a case manager may
 * make, and when a request's due-date alerts fall. Pure: no clock, no randomness.
 */
public final class FileRequests {

  public static final List<String> KINDS = List.of("copy", "letter", "verification", "other");
  public static final List<String> DELIVERIES = List.of("in_person", "link", "case_manager");
  public static final List<String> STATUSES = List.of("open", "in_progress", "ready", "delivered", "refused", "closed");
  /** How long before the due date the "due soon" alert is raised. */
  public static final Duration DUE_SOON = Duration.ofDays(7);

  private static final Map<String, Set<String>> NEXT = Map.of(
      "open", Set.of("in_progress", "ready", "refused", "closed"),
      "in_progress", Set.of("ready", "refused", "closed"),
      "ready", Set.of("in_progress", "delivered", "closed"),
      "delivered", Set.of("closed"),
      "refused", Set.of("closed"),
      "closed", Set.of());

  private FileRequests() {}

  /** Whether a request in {@code from} may move to {@code to}. */
  public static boolean allowed(String from, String to) {
    return NEXT.getOrDefault(from, Set.of()).contains(to);
  }

  /** The id of a request: it names the survivor, so staff calls find the record without an index. */
  public static String id(String survivorId, String reference) {
    return survivorId + "." + reference;
  }

  /** The survivor id inside a request id, if it is well formed. */
  public static Optional<String> survivorOf(String requestId) {
    int dot = requestId == null ? -1 : requestId.lastIndexOf('.');
    return dot <= 0 || dot == requestId.length() - 1 ? Optional.empty() : Optional.of(requestId.substring(0, dot));
  }

  /**
   * The next due-date alert of {@code request} that is still to be raised, if any: 7 days before its due
   * date, then at the due date. Only a pending request (open, in progress) has one.
   */
  public static Optional<Instant> nextAlertAt(FileRequest request) {
    if (!request.pending()) {
      return Optional.empty();
    }
    if (!request.dueSoonAlerted()) {
      return Optional.of(request.dueAt().minus(DUE_SOON));
    }
    return request.overdueAlerted() ? Optional.empty() : Optional.of(request.dueAt());
  }

  /** The earliest due-date alert still to come among {@code requests}, or {@code null}. */
  public static Instant earliestAlert(List<FileRequest> requests) {
    return requests.stream().map(FileRequests::nextAlertAt).flatMap(Optional::stream).min(Instant::compareTo).orElse(null);
  }
}
