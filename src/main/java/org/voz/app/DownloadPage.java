package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.conversation.Session;
import org.voz.requests.FileRequest;
import org.voz.service.EffectWriter;
import org.voz.service.SurvivorState;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.store.DocumentStore;

/**
 * The one-time link to a document: {@code GET /d/<token>} asks for the PIN, {@code POST /d/<token>} checks it
 * (on a worker thread) and, if right, burns the link and streams the PDF. Every attempt counts toward the
 * lockout shared with PINs sent by chat, in a version-checked commit made before the PIN is checked (so
 * parallel attempts cannot outrun the lock); the fifth wrong one locks the record and raises {@code pin.locked},
 * a right one resets the count. Every download is a ledger event, and a request ready
 * for the survivor becomes delivered. A used, expired or made-up link gets the same neutral page.
 */
final class DownloadPage {

  private static final Logger LOG = LoggerFactory.getLogger(DownloadPage.class);

  private final Services s;
  private final DocumentStore documents;
  /** How long the second link of a copy of the file's page works. */
  static final java.time.Duration PASS_LIFETIME = java.time.Duration.ofMinutes(10);

  private final CopySummary summary;

  DownloadPage(Services s, DocumentStore documents, CopySummary summary) {
    this.s = s;
    this.documents = documents;
    this.summary = summary;
  }

  void mount(Router router) {
    router.get("/d/:token").handler(this::show);
    router.post("/d/:token").handler(this::open);
  }

  private void show(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    documents.link(token)
        .onSuccess(link -> {
          if (link.isPresent() && link.get().pass()) {
            pass(ctx, token, link.get());
          } else {
            showForm(ctx, link);
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  private void showForm(RoutingContext ctx, java.util.Optional<DocumentStore.Link> link) {
    (link.isEmpty() ? Future.succeededFuture((SurvivorState) null) : state(link.get().survivorId()))
        .onSuccess(state -> {
          if (state == null) {
            gone(ctx);
          } else if (state.session().locked()) {
            html(ctx, 200, DownloadHtml.message(lang(state), List.of(text("locked", lang(state)))));
          } else {
            html(ctx, 200, form(lang(state), null));
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  private void open(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    String pin = ctx.request().getFormAttribute("pin");
    String digits = pin == null ? "" : pin.strip();
    documents.link(token).onSuccess(found -> {
      if (found.isEmpty()) {
        gone(ctx);
        return;
      }
      DocumentStore.Link link = found.get();
      if (link.pass()) {
        pass(ctx, token, link);
        return;
      }
      state(link.survivorId()).onSuccess(state -> {
        if (state == null) {
          gone(ctx);
        } else if (state.session().locked()) {
          html(ctx, 200, DownloadHtml.message(lang(state), List.of(text("locked", lang(state)))));
        } else if (!digits.matches("[0-9]{4,12}")) {
          html(ctx, 200, form(lang(state), text("invalid", lang(state))));
        } else {
          count(ctx, token, link, lang(state), digits);
        }
      }).onFailure(e -> fail(ctx, e));
    }).onFailure(e -> fail(ctx, e));
  }

  /**
   * Counts the attempt before checking it, in one version-checked commit: refused if the record is locked or
   * another attempt already holds the last try, so parallel attempts can never check more PINs than allowed.
   */
  private void count(RoutingContext ctx, String token, DocumentStore.Link link, String language, String pin) {
    int max = s.config().security().maxPinAttempts();
    AtomicReference<Survivor> counted = new AtomicReference<>();
    s.updates().update(link.survivorId(), EffectWriter.Actor.system("download"), state -> {
          Session x = state.session();
          if (x.locked() || x.pinFailures() >= max) {
            counted.set(null);
            return new SurvivorUpdates.Change(state.survivor(), x, List.of(), null);
          }
          counted.set(state.survivor());
          return new SurvivorUpdates.Change(state.survivor(), withFailures(x, x.pinFailures() + 1), List.of(), null);
        })
        .onSuccess(v -> {
          if (counted.get() == null) {
            html(ctx, 200, DownloadHtml.message(language, List.of(text("locked", language))));
          } else {
            check(ctx, token, link, counted.get(), language, pin);
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  /** The PIN check is slow on purpose: on a worker thread, once the attempt is counted. */
  private void check(RoutingContext ctx, String token, DocumentStore.Link link, Survivor survivor, String language,
      String pin) {
    s.vertx().executeBlocking(() -> {
          if (s.pins().matches(pin, survivor.pinHash())) {
            return "right";
          }
          return survivor.duressPinHash() != null && s.pins().matches(pin, survivor.duressPinHash()) ? "duress" : "wrong";
        }, false)
        .onSuccess(result -> {
          switch (result) {
            case "right" -> deliver(ctx, token, link, language);
            case "duress" -> duress(ctx, token, link);
            default -> wrongPin(ctx, link, language);
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  private static Session withFailures(Session x, int failures) {
    return new Session(x.version(), x.language(), x.flow(), x.step(), x.verified(), failures, x.locked(),
        x.optedOut(), x.invalidCount(), x.lastActivity(), x.turns(), x.vars());
  }

  /**
   * A right PIN: load the document, commit the download (refused if the record locked meanwhile), make the
   * page or open the PDF, and only then burn the link; what was made is shown only by the caller whose burn
   * removed the link (a failure before keeps the link working, a lost race gets the dead link).
   */
  private void deliver(RoutingContext ctx, String token, DocumentStore.Link link, String language) {
    AtomicBoolean refused = new AtomicBoolean();
    documents.load(link.survivorId(), link.documentId())
        .compose(sealed -> {
          if (sealed.isEmpty()) {
            return Future.succeededFuture((Runnable) null);
          }
          return s.updates().update(link.survivorId(), EffectWriter.Actor.system("download"),
                  st -> downloaded(st, link, refused))
              .compose(survivor -> {
                if (refused.get()) {
                  return Future.succeededFuture(
                      () -> html(ctx, 200, DownloadHtml.message(language, List.of(text("locked", language)))));
                }
                boolean copy = survivor.request(link.requestId()).map(r -> r.kind().equals("copy")).orElse(false);
                Future<Runnable> made = copy
                    ? copyPage(survivor, link, language).map(page -> () -> html(ctx, 200, page))
                    : s.vertx().executeBlocking(() -> documents.open(link.documentId(), sealed.get()), false)
                        .map(pdf -> () -> pdf(ctx, pdf));
                return made.compose(show -> documents.burn(token).map(burned -> {
                  if (burned) {
                    LOG.info("document downloaded survivor={} request={}", link.survivorId(), link.requestId());
                  }
                  return burned ? show : null;
                }));
              });
        })
        .onSuccess(show -> {
          if (show == null) {
            gone(ctx);
          } else {
            show.run();
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  /**
   * A copy of the file: the page of what Voz holds about the survivor, with the agency's document behind a
   * second one-time link that works for a few minutes without asking the PIN again.
   */
  private Future<String> copyPage(Survivor survivor, DocumentStore.Link link, String language) {
    return documents.issueLink(new DocumentStore.Link(link.survivorId(), link.requestId(), link.documentId(), true),
            PASS_LIFETIME)
        .compose(pass -> summary.page(survivor, language, "/d/" + pass));
  }

  /** The second link of a copy's page: load, ledger event, decrypt, then burned; the PDF only for the burner. */
  private void pass(RoutingContext ctx, String token, DocumentStore.Link link) {
    documents.load(link.survivorId(), link.documentId())
        .compose(sealed -> sealed.isEmpty() ? Future.succeededFuture((byte[]) null)
            : s.updates().update(link.survivorId(), EffectWriter.Actor.system("download"), st -> new SurvivorUpdates.Change(
                    st.survivor(), st.session(), List.of(downloadEvent(st.survivor(), link, "document")), null))
                .compose(v -> s.vertx().executeBlocking(() -> documents.open(link.documentId(), sealed.get()), false))
                .compose(pdf -> documents.burn(token).map(burned -> burned ? pdf : null)))
        .onSuccess(pdf -> {
          if (pdf == null) {
            gone(ctx);
          } else {
            pdf(ctx, pdf);
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  /**
   * The download: a ledger event, a right PIN's reset of the count, and a ready request becomes delivered;
   * refused (nothing changes) if the record locked while the PIN was being checked.
   */
  private SurvivorUpdates.Change downloaded(SurvivorState state, DocumentStore.Link link, AtomicBoolean refused) {
    Survivor survivor = state.survivor();
    refused.set(state.session().locked());
    if (refused.get()) {
      return new SurvivorUpdates.Change(survivor, state.session(), List.of(), null);
    }
    FileRequest r = survivor.request(link.requestId()).orElse(null);
    Survivor updated = r != null && r.status().equals("ready")
        ? survivor.withRequest(r.withStatus("delivered", r.reason(), s.clock().instant()))
        : survivor;
    Session x = state.session();
    Session reset = x.pinFailures() == 0 ? x : withFailures(x, 0);
    String part = r != null && r.kind().equals("copy") ? "copy" : "document";
    return new SurvivorUpdates.Change(updated, reset, List.of(downloadEvent(survivor, link, part)), null);
  }

  /** The ledger event of a download: {@code part} is {@code document} (the PDF) or {@code copy} (the copy's page). */
  private static Effect downloadEvent(Survivor survivor, DocumentStore.Link link, String part) {
    String reference = survivor.request(link.requestId()).map(FileRequest::reference).orElse("");
    return new Effect.AppendLedger("file_request.downloaded", Map.of("requestId", link.requestId(),
        "receipt", reference, "part", part));
  }

  /** A wrong PIN, already counted: the attempt that held the last try locks the record and raises the alert. */
  private void wrongPin(RoutingContext ctx, DocumentStore.Link link, String language) {
    int max = s.config().security().maxPinAttempts();
    s.updates().update(link.survivorId(), EffectWriter.Actor.system("download"), state -> {
          Session x = state.session();
          if (x.locked() || x.pinFailures() < max) {
            return new SurvivorUpdates.Change(state.survivor(), x, List.of(), null);
          }
          Session after = new Session(x.version(), x.language(), null, null, false, x.pinFailures(), true,
              x.optedOut(), 0, x.lastActivity(), x.turns(), Map.of());
          return new SurvivorUpdates.Change(state.survivor(), after,
              List.of(new Effect.RaiseAlert("pin.locked", Map.of("channel", "link"))), null);
        })
        .compose(v -> state(link.survivorId()))
        .onSuccess(state -> html(ctx, 200, state != null && state.session().locked()
            ? DownloadHtml.message(language, List.of(text("locked", language)))
            : form(language, text("wrong_pin", language))))
        .onFailure(e -> fail(ctx, e));
  }

  /**
   * A duress PIN: the case manager is alerted silently, and the link is burned so that it shows nothing but a
   * dead link, now and on a reload.
   */
  private void duress(RoutingContext ctx, String token, DocumentStore.Link link) {
    documents.burn(token)
        .compose(burned -> s.updates().update(link.survivorId(), EffectWriter.Actor.system("download"),
            state -> new SurvivorUpdates.Change(state.survivor(), state.session(),
                List.of(new Effect.RaiseAlert("duress", Map.of("channel", "link"))), null)))
        .onSuccess(v -> gone(ctx))
        .onFailure(e -> fail(ctx, e));
  }

  private Future<SurvivorState> state(String survivorId) {
    return s.sessions().load(s.keys().partitionOf(survivorId), survivorId)
        .map(stored -> stored.record() == null ? null : SurvivorState.open(survivorId, stored, s.survivors(), s.keyring()));
  }

  private String form(String language, String notice) {
    return DownloadHtml.pinForm(language, notice, text("download_pin", language), text("download_button", language));
  }

  private void gone(RoutingContext ctx) {
    List<String> lines = s.conversations().languages().stream().map(l -> text("download_gone", l)).distinct().toList();
    html(ctx, 404, DownloadHtml.message(s.conversations().defaultLanguage(), lines));
  }

  private String text(String key, String language) {
    return s.conversations().systemText(key, language);
  }

  private static String lang(SurvivorState state) {
    return state.session().language();
  }

  static void html(RoutingContext ctx, int status, String html) {
    pageHeaders(ctx).setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(html);
  }

  static void pdf(RoutingContext ctx, byte[] pdf) {
    pageHeaders(ctx).putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "attachment; filename=\"document.pdf\"")
        .end(Buffer.buffer(pdf));
  }

  /** The page's own CSP (its inline style, its form) and no indexing; the rest is every answer's (web.SecurityHeaders). */
  static io.vertx.core.http.HttpServerResponse pageHeaders(RoutingContext ctx) {
    return ctx.response().putHeader("X-Robots-Tag", "noindex").putHeader("Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; " + org.voz.web.SecurityHeaders.FRAME_ANCESTORS);
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    LOG.warn("document link failed error={}", e.getClass().getSimpleName());
    html(ctx, 503, DownloadHtml.message("en", List.of("Please try again later.")));
  }
}
