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
import org.voz.service.casework.FileRequestWork;
import org.voz.staff.StaffMember;
import org.voz.store.DocumentStore;
import org.voz.store.RequestIndex;
import org.voz.store.SurvivorRepository;
import org.voz.web.ApiError;

/**
 * A case manager's side of file requests: {@code GET /api/v1/requests} (their survivors' requests; an
 * admin's: all), {@code PATCH /api/v1/requests/{id}} (a status change with a note; the survivor is told),
 * {@code PUT /api/v1/requests/{id}/document} (the PDF, stored encrypted): thin handlers over {@link FileRequestWork},
 * the use case the console shares.
 */
public final class RequestsApi {


  record StatusChange(String status, String note) {}

  private final FileRequestWork work;
  private final SurvivorRepository survivors;
  private final RequestIndex index;
  private final int maxDocumentBytes;

  public RequestsApi(FileRequestWork work, SurvivorRepository survivors, RequestIndex index, int maxDocumentBytes) {
    this.work = work;
    this.survivors = survivors;
    this.index = index;
    this.maxDocumentBytes = maxDocumentBytes;
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
        .compose(found -> {
          // each survivor whose requests are shown: a view of their personal data, recorded before it is shown
          List<Survivor> shown = found.stream().filter(s -> caller.is(StaffMember.ADMIN) || s.caseManager().equals(caller.id()))
              .filter(s -> s.requests().stream().anyMatch(r -> status == null || r.status().equals(status))).toList();
          return Future.all(shown.stream().map(s -> work.viewed(caller, s.id())).toList()).map(found);
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
    // the contract has checked the status and the note's length; the use case checks the rules
    StatusChange body = Requests.parse(ctx.body().asString(), StatusChange.class);
    String id = ctx.pathParam("id");
    work.change(caller, id, body.status(), body.note())
        .onSuccess(survivor -> ctx.json(json(survivor, survivor.request(id).orElseThrow())))
        .onFailure(ctx::fail);
  }

  private void upload(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String type = ctx.request().getHeader("Content-Type");
    Buffer body = ctx.body().buffer();
    byte[] pdf = body == null ? new byte[0] : body.getBytes();
    if (type == null || !type.split(";")[0].strip().equalsIgnoreCase("application/pdf") || !FileRequestWork.looksLikePdf(pdf)) {
      throw new ApiError(415, "unsupported_media_type", "the document must be a PDF (Content-Type application/pdf)", null);
    }
    work.upload(caller, ctx.pathParam("id"), pdf)
        .onSuccess(stored -> {
          ctx.response().setStatusCode(201);
          ctx.json(new JsonObject().put("id", stored.requestId()).put("documentId", stored.documentId())
              .put("bytes", stored.bytes()).put("expiresAt", stored.expiresAt().toString()));
        })
        .onFailure(ctx::fail);
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
