package org.voz.web.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.requests.FileRequest;
import org.voz.requests.FileRequests;
import org.voz.service.casework.RequestMessages;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.staff.StaffMember;
import org.voz.store.DocumentStore;
import org.voz.store.RequestIndex;
import org.voz.store.SurvivorRepository;
import org.voz.web.ApiError;

/**
 * A case manager's side of file requests: {@code GET /api/v1/requests} (their survivors' requests; an
 * admin's: all), {@code PATCH /api/v1/requests/{id}} (a status change with a note; the survivor is told),
 * {@code PUT /api/v1/requests/{id}/document} (the PDF, stored encrypted). Every change goes through
 * {@link SurvivorUpdates}: version-checked, with its ledger event, in one commit.
 */
public final class RequestsApi {

  private static final Logger LOG = LoggerFactory.getLogger(RequestsApi.class);
  /** Statuses in which a document may still be uploaded. */
  private static final java.util.Set<String> OPEN_FOR_DOCUMENTS = java.util.Set.of("open", "in_progress", "ready");

  record StatusChange(String status, String note) {}

  private final Vertx vertx;
  private final SurvivorUpdates updates;
  private final SurvivorRepository survivors;
  private final RequestIndex index;
  private final DocumentStore documents;
  private final RequestMessages messages;
  private final Clock clock;
  private final int maxDocumentBytes;
  private final Duration documentLifetime;

  public RequestsApi(Vertx vertx, SurvivorUpdates updates, SurvivorRepository survivors, RequestIndex index,
      DocumentStore documents, RequestMessages messages, Clock clock, int maxDocumentBytes, Duration documentLifetime) {
    this.vertx = vertx;
    this.updates = updates;
    this.survivors = survivors;
    this.index = index;
    this.documents = documents;
    this.messages = messages;
    this.clock = clock;
    this.maxDocumentBytes = maxDocumentBytes;
    this.documentLifetime = documentLifetime;
  }

  /** Paths whose body this API reads itself (larger than the service's usual body limit). */
  public static boolean ownBody(String path) {
    return path != null && path.startsWith("/api/v1/requests/") && path.endsWith("/document");
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "listFileRequests").addHandler(this::list);
    StaffContract.route(api, "changeFileRequest").addHandler(this::change);
    // the document's body is read here, after the authentication and the roles (see ownBody), with its own limit;
    // nothing of it is left to validate against the contract (a string id; the PDF is checked by upload), and
    // vert.x refuses a body handler after the validation
    StaffContract.route(api, "uploadDocument")
        .setDoValidation(false)
        .addHandler(BodyHandler.create(false).setBodyLimit(maxDocumentBytes))
        .addHandler(this::upload)
        .addFailureHandler(ctx -> {
          if (ctx.failure() == null && ctx.statusCode() == 413) {
            ApiError.send(ctx, 413, "too_large", "the document exceeds " + maxDocumentBytes + " bytes", null);
          } else {
            ctx.next();
          }
        });
  }

  private void list(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String status = ctx.request().getParam("status"); // one of FileRequests.STATUSES: the contract has checked it
    Future<? extends Collection<String>> ids = caller.is(StaffMember.ADMIN)
        ? index.requesters()
        : index.caseload(caller.id());
    ids.compose(all -> {
          List<Future<Optional<Survivor>>> reads = all.stream().sorted().map(survivors::find).toList();
          return Future.all(reads).map(done -> reads.stream().map(Future::result).flatMap(Optional::stream).toList());
        })
        .onSuccess(found -> {
          List<JsonObject> out = new ArrayList<>();
          for (Survivor s : found) {
            if (caller.is(StaffMember.ADMIN) || s.caseManager().equals(caller.id())) {
              s.requests().stream().filter(r -> status == null || r.status().equals(status))
                  .forEach(r -> out.add(json(s, r)));
            }
          }
          out.sort(Comparator.comparing((JsonObject j) -> j.getString("dueAt")));
          ctx.json(new JsonObject().put("requests", new JsonArray(out)));
        })
        .onFailure(ctx::fail);
  }

  private void change(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    // the contract has checked the status and the note's length; a refusal's reason is checked here
    StatusChange body = Requests.parse(ctx.body().asString(), StatusChange.class);
    String note = body.note() == null ? "" : body.note().strip();
    if (body.status().equals("refused") && note.isEmpty()) {
      throw ApiError.badRequest("note", "a refusal needs its reason in note: the survivor is told it");
    }
    String id = ctx.pathParam("id");
    String survivorId = survivorOf(id);
    owned(caller, survivorId, id)
        .compose(r -> body.status().equals("ready") ? linkFor(survivorId, r) : Future.succeededFuture((String) null))
        .compose(token -> updates.update(survivorId, caller.id(), state -> {
          Survivor survivor = state.survivor();
          StaffAuth.requireCaseload(caller, survivor);
          FileRequest r = survivor.request(id).orElseThrow(() -> ApiError.notFound("no request with this id"));
          if (!FileRequests.allowed(r.status(), body.status())) {
            throw new ApiError(409, "conflict", "a request in " + r.status() + " cannot become " + body.status(), "status");
          }
          FileRequest changed = r.withStatus(body.status(), note, clock.instant());
          Map<String, String> fields = new LinkedHashMap<>();
          fields.put("requestId", r.id());
          fields.put("receipt", r.reference());
          fields.put("from", r.status());
          fields.put("to", changed.status());
          fields.put("reason", note);
          Effect event = new Effect.AppendLedger("file_request." + changed.status(), fields);
          return messages.tell(state, survivor.withRequest(changed), List.of(event), changed,
              token != null && java.util.Objects.equals(r.documentId(), changed.documentId()) ? token : null);
        }))
        .compose(survivor -> reindex(survivor).compose(v -> dropDocument(survivor, id)).map(survivor))
        .onSuccess(survivor -> {
          LOG.info("file request changed survivor={} status={} by={}", survivor.id(), body.status(), caller.id());
          ctx.json(json(survivor, survivor.request(id).orElseThrow()));
        })
        .onFailure(ctx::fail);
  }

  private void upload(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String type = ctx.request().getHeader("Content-Type");
    Buffer body = ctx.body().buffer();
    if (type == null || !type.split(";")[0].strip().equalsIgnoreCase("application/pdf") || body == null
        || body.length() < 5 || !body.getString(0, 5, StandardCharsets.ISO_8859_1.name()).equals("%PDF-")) {
      throw new ApiError(415, "unsupported_media_type", "the document must be a PDF (Content-Type application/pdf)", null);
    }
    byte[] pdf = body.getBytes();
    String id = ctx.pathParam("id");
    String survivorId = survivorOf(id);
    String documentId = DocumentStore.newDocumentId();
    String[] replaced = new String[1];
    owned(caller, survivorId, id)
        .compose(r -> {
          if (!OPEN_FOR_DOCUMENTS.contains(r.status())) {
            throw new ApiError(409, "conflict", "a request in " + r.status() + " takes no document", "status");
          }
          return vertx.executeBlocking(() -> documents.seal(documentId, pdf), false);
        })
        .compose(sealed -> documents.store(survivorId, documentId, sealed, documentLifetime))
        .compose(v -> owned(caller, survivorId, id))
        .compose(r -> r.status().equals("ready") ? linkFor(survivorId, r.withDocument(documentId, r.updatedAt()))
            : Future.succeededFuture((String) null))
        .compose(token -> updates.update(survivorId, caller.id(), state -> {
          Survivor survivor = state.survivor();
          StaffAuth.requireCaseload(caller, survivor);
          FileRequest r = survivor.request(id).orElseThrow(() -> ApiError.notFound("no request with this id"));
          if (!OPEN_FOR_DOCUMENTS.contains(r.status())) {
            throw new ApiError(409, "conflict", "a request in " + r.status() + " takes no document", "status");
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
        .onSuccess(survivor -> {
          if (replaced[0] != null) {
            documents.delete(survivorId, replaced[0]);
          }
          LOG.info("file request document stored survivor={} bytes={} by={}", survivor.id(), pdf.length, caller.id());
          ctx.response().setStatusCode(201);
          ctx.json(new JsonObject().put("id", id).put("documentId", documentId).put("bytes", pdf.length)
              .put("expiresAt", clock.instant().plus(documentLifetime).toString()));
        })
        .onFailure(e -> {
          documents.delete(survivorId, documentId);
          ctx.fail(e);
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
      Survivor survivor = found.orElseThrow(() -> ApiError.notFound("no request with this id"));
      FileRequest r = survivor.request(id).orElseThrow(() -> ApiError.notFound("no request with this id"));
      StaffAuth.requireCaseload(caller, survivor);
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
    return FileRequests.survivorOf(requestId).orElseThrow(() -> ApiError.notFound("no request with this id"));
  }

  static JsonObject json(Survivor s, FileRequest r) {
    return new JsonObject()
        .put("id", r.id()).put("survivorId", s.id()).put("caseRef", s.caseRef()).put("caseManager", s.caseManager())
        .put("reference", r.reference()).put("kind", r.kind()).put("note", r.note()).put("purpose", r.purpose())
        .put("delivery", r.delivery()).put("status", r.status()).put("reason", r.reason())
        .put("openedAt", r.openedAt().toString()).put("dueAt", r.dueAt().toString())
        .put("updatedAt", r.updatedAt().toString()).put("document", r.documentId() != null);
  }
}
