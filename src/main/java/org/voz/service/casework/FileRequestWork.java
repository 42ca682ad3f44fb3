package org.voz.service.casework;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.requests.FileRequest;
import org.voz.requests.FileRequests;
import org.voz.service.Refusal;
import org.voz.staff.StaffMember;
import org.voz.staff.Access;
import org.voz.store.AccessLog;
import org.voz.store.DocumentStore;
import org.voz.store.RequestIndex;
import org.voz.store.SurvivorRepository;

/**
 * A case manager's work on file requests, for the staff API and the console alike: a status change with a note
 * (the survivor is told), and the document (a PDF, stored encrypted; a ready request by link sends the survivor a
 * one-time link). Every change goes through {@link SurvivorUpdates}: version-checked, with its ledger event, in one
 * commit.
 */
public final class FileRequestWork {

  private static final Logger LOG = LoggerFactory.getLogger(FileRequestWork.class);
  /** Statuses in which a document may still be uploaded. */
  public static final Set<String> OPEN_FOR_DOCUMENTS = Set.of("open", "in_progress", "ready");
  public static final int MAX_NOTE = 500;
  private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.ISO_8859_1);

  /** A stored document. */
  public record Stored(String requestId, String documentId, int bytes, Instant expiresAt) {}

  private final Vertx vertx;
  private final SurvivorUpdates updates;
  private final SurvivorRepository survivors;
  private final RequestIndex index;
  private final DocumentStore documents;
  private final RequestMessages messages;
  private final Clock clock;
  private final Duration documentLifetime;
  private final AccessLog accesses;

  public FileRequestWork(Vertx vertx, SurvivorUpdates updates, SurvivorRepository survivors, RequestIndex index,
      DocumentStore documents, RequestMessages messages, Clock clock, Duration documentLifetime, AccessLog accesses) {
    this.accesses = accesses;
    this.vertx = vertx;
    this.updates = updates;
    this.survivors = survivors;
    this.index = index;
    this.documents = documents;
    this.messages = messages;
    this.clock = clock;
    this.documentLifetime = documentLifetime;
  }

  /** Whether {@code body} starts as a PDF does. */
  public static boolean looksLikePdf(byte[] body) {
    return body != null && body.length >= PDF.length && Arrays.equals(body, 0, PDF.length, PDF, 0, PDF.length);
  }

  /**
   * Moves request {@code requestId} to {@code status} with the case manager's note (a refusal's reason, which the
   * survivor reads after their PIN); returns the record after it.
   */
  public Future<Survivor> change(StaffMember caller, String requestId, String status, String givenNote) {
    String note = givenNote == null ? "" : givenNote.strip();
    if (!FileRequests.STATUSES.contains(status)) {
      return Future.failedFuture(Refusal.invalid("status", "status must be one of " + FileRequests.STATUSES));
    }
    if (note.length() > MAX_NOTE) {
      return Future.failedFuture(Refusal.invalid("note", "at most " + MAX_NOTE + " characters"));
    }
    if (status.equals("refused") && note.isEmpty()) {
      return Future.failedFuture(Refusal.invalid("note", "a refusal needs its reason in note: the survivor is told it"));
    }
    String survivorId;
    try {
      survivorId = survivorOf(requestId);
    } catch (Refusal refusal) {
      return Future.failedFuture(refusal);
    }
    return owned(caller, survivorId, requestId)
        .compose(r -> status.equals("ready") ? linkFor(survivorId, r) : Future.succeededFuture((String) null))
        .compose(token -> updates.update(survivorId, caller.id(), state -> {
          Survivor survivor = state.survivor();
          SurvivorRecords.requireCaseload(caller, survivor);
          FileRequest r = survivor.request(requestId).orElseThrow(() -> Refusal.notFound("no request with this id"));
          if (!FileRequests.allowed(r.status(), status)) {
            throw Refusal.conflict("status", "a request in " + r.status() + " cannot become " + status);
          }
          FileRequest changed = r.withStatus(status, note, clock.instant());
          Map<String, String> fields = new LinkedHashMap<>();
          fields.put("requestId", r.id());
          fields.put("receipt", r.reference());
          fields.put("from", r.status());
          fields.put("to", changed.status());
          fields.put("reason", note);
          Effect event = new Effect.AppendLedger("file_request." + changed.status(), fields);
          return messages.tell(state, survivor.withRequest(changed), List.of(event), changed,
              token != null && Objects.equals(r.documentId(), changed.documentId()) ? token : null);
        }))
        .compose(survivor -> reindex(survivor).compose(v -> dropDocument(survivor, requestId)).map(survivor))
        .compose(survivor -> noteChange(caller, survivorId, "file_request." + status).map(survivor))
        .onSuccess(survivor -> LOG.info("file request changed survivor={} status={} by={}", survivor.id(), status,
            caller.id()));
  }

  /** Stores {@code pdf} as the request's document (replacing any before it). */
  public Future<Stored> upload(StaffMember caller, String requestId, byte[] pdf) {
    if (!looksLikePdf(pdf)) {
      return Future.failedFuture(new Refusal(Refusal.Kind.UNSUPPORTED, "unsupported_media_type",
          "the document must be a PDF", "document"));
    }
    String survivorId;
    try {
      survivorId = survivorOf(requestId);
    } catch (Refusal refusal) {
      return Future.failedFuture(refusal);
    }
    String documentId = DocumentStore.newDocumentId();
    String[] replaced = new String[1];
    return owned(caller, survivorId, requestId)
        .compose(r -> {
          if (!OPEN_FOR_DOCUMENTS.contains(r.status())) {
            throw Refusal.conflict("status", "a request in " + r.status() + " takes no document");
          }
          return vertx.executeBlocking(() -> documents.seal(documentId, pdf), false);
        })
        .compose(sealed -> documents.store(survivorId, documentId, sealed, documentLifetime))
        .compose(v -> owned(caller, survivorId, requestId))
        .compose(r -> r.status().equals("ready") ? linkFor(survivorId, r.withDocument(documentId, r.updatedAt()))
            : Future.succeededFuture((String) null))
        .compose(token -> updates.update(survivorId, caller.id(), state -> {
          Survivor survivor = state.survivor();
          SurvivorRecords.requireCaseload(caller, survivor);
          FileRequest r = survivor.request(requestId).orElseThrow(() -> Refusal.notFound("no request with this id"));
          if (!OPEN_FOR_DOCUMENTS.contains(r.status())) {
            throw Refusal.conflict("status", "a request in " + r.status() + " takes no document");
          }
          replaced[0] = r.documentId();
          FileRequest changed = r.withDocument(documentId, clock.instant());
          Effect event = new Effect.AppendLedger("file_request.document", Map.of("requestId", r.id(),
              "receipt", r.reference(), "bytes", String.valueOf(pdf.length)));
          Survivor updated = survivor.withRequest(changed);
          return token != null && r.status().equals("ready")
              ? messages.tell(state, updated, List.of(event), changed, token)
              : new SurvivorUpdates.Change(updated, state.session(), List.of(event), null);
        }))
        .compose(survivor -> noteChange(caller, survivorId, "file_request.document").map(survivor))
        .map(survivor -> {
          if (replaced[0] != null) {
            documents.delete(survivorId, replaced[0]);
          }
          LOG.info("file request document stored survivor={} bytes={} by={}", survivor.id(), pdf.length, caller.id());
          return new Stored(requestId, documentId, pdf.length, clock.instant().plus(documentLifetime));
        })
        .onFailure(e -> documents.delete(survivorId, documentId));
  }

  /** Records that {@code caller} is shown the survivor's file requests (before they are shown). */
  public Future<Void> viewed(StaffMember caller, String survivorId) {
    return accesses.record(survivorId, Access.by(caller, "file_requests", clock.instant()));
  }

  /** Records a committed change in the survivor's access stream; a failure is logged (the change stands). */
  private Future<Void> noteChange(StaffMember caller, String survivorId, String what) {
    return accesses.record(survivorId, Access.by(caller, what, clock.instant())).recover(e -> {
      LOG.warn("access not recorded survivor={} what={} error={}", survivorId, what, e.getClass().getSimpleName());
      return Future.succeededFuture();
    });
  }

  /**
   * The survivor indexed at the next due-date alert of their requests (a request moved back to in progress is
   * pending again); a failure is logged, not the caller's: the change is committed.
   */
  private Future<Void> reindex(Survivor survivor) {
    return index.index(survivor.id(), FileRequests.earliestAlert(survivor.requests())).recover(e -> {
      LOG.warn("file request index failed survivor={} error={}", survivor.id(), e.getClass().getSimpleName());
      return Future.succeededFuture();
    });
  }

  /** A closed or refused request's document is deleted, so that its links open nothing. */
  private Future<Void> dropDocument(Survivor survivor, String id) {
    FileRequest r = survivor.request(id).orElseThrow();
    if (r.documentId() == null || !(r.status().equals("closed") || r.status().equals("refused"))) {
      return Future.succeededFuture();
    }
    return documents.delete(survivor.id(), r.documentId()).recover(e -> {
      LOG.warn("file request document delete failed survivor={} error={}", survivor.id(), e.getClass().getSimpleName());
      return Future.succeededFuture();
    });
  }

  /** The request, if the caller may act on it: 404 for an unknown one, 403 for someone else's survivor. */
  private Future<FileRequest> owned(StaffMember caller, String survivorId, String id) {
    return survivors.find(survivorId).map(found -> {
      Survivor survivor = found.orElseThrow(() -> Refusal.notFound("no request with this id"));
      FileRequest r = survivor.request(id).orElseThrow(() -> Refusal.notFound("no request with this id"));
      SurvivorRecords.requireCaseload(caller, survivor);
      return r;
    });
  }

  /** A one-time link, when the request goes to the survivor by link and has its document; else null. */
  private Future<String> linkFor(String survivorId, FileRequest r) {
    if (!r.delivery().equals("link") || r.documentId() == null) {
      return Future.succeededFuture(null);
    }
    return documents.issueLink(new DocumentStore.Link(survivorId, r.id(), r.documentId()), documentLifetime);
  }

  private static String survivorOf(String requestId) {
    return FileRequests.survivorOf(requestId).orElseThrow(() -> Refusal.notFound("no request with this id"));
  }
}
