package org.voz.requests;

import java.time.Instant;
import java.util.Objects;

/**
 * A survivor's request for a document: a copy of their file, a letter of support, a verification of the
 * services received, or something else. Kept in the survivor's record, so it changes in the same
 * version-checked commit as everything else about them.
 *
 * @param id          unique over all survivors: {@code <survivorId>.<reference>}
 * @param kind        one of {@link FileRequests#KINDS}
 * @param note        the survivor's short free text for {@code other}, else empty
 * @param purpose     what it is for, if the survivor said (may be empty)
 * @param delivery    one of {@link FileRequests#DELIVERIES}
 * @param status      one of {@link FileRequests#STATUSES}
 * @param reason      the case manager's reason for a refusal, or their last note (may be empty)
 * @param reference   the short code the survivor is shown, e.g. {@code R-7C6WPB}
 * @param documentId  the stored document's id, or {@code null} while none is uploaded
 * @param dueSoonAlerted whether the "due in 7 days" alert was raised
 * @param overdueAlerted whether the "overdue" alert was raised
 */
public record FileRequest(
    String id, String kind, String note, String purpose, String delivery, String status, String reason,
    String reference, Instant openedAt, Instant dueAt, Instant updatedAt, String documentId,
    boolean dueSoonAlerted, boolean overdueAlerted) {

  public FileRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(dueAt, "dueAt");
    if (!FileRequests.KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown request kind: " + kind);
    }
    if (!FileRequests.DELIVERIES.contains(delivery)) {
      throw new IllegalArgumentException("unknown delivery: " + delivery);
    }
    if (!FileRequests.STATUSES.contains(status)) {
      throw new IllegalArgumentException("unknown request status: " + status);
    }
    note = note == null ? "" : note;
    purpose = purpose == null ? "" : purpose;
    reason = reason == null ? "" : reason;
    updatedAt = updatedAt == null ? openedAt : updatedAt;
  }

  /** The request in {@code newStatus}, with the case manager's note (a refusal's reason). */
  public FileRequest withStatus(String newStatus, String newReason, Instant at) {
    return new FileRequest(id, kind, note, purpose, delivery, newStatus, newReason, reference, openedAt, dueAt, at,
        documentId, dueSoonAlerted, overdueAlerted);
  }

  public FileRequest withDocument(String newDocumentId, Instant at) {
    return new FileRequest(id, kind, note, purpose, delivery, status, reason, reference, openedAt, dueAt, at,
        newDocumentId, dueSoonAlerted, overdueAlerted);
  }

  public FileRequest withAlerts(boolean dueSoon, boolean overdue) {
    return new FileRequest(id, kind, note, purpose, delivery, status, reason, reference, openedAt, dueAt, updatedAt,
        documentId, dueSoon, overdue);
  }

  /** Still waiting for an answer: the due date matters. */
  public boolean pending() {
    return status.equals("open") || status.equals("in_progress");
  }
}
