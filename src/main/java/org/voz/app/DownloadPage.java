package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.conversation.Session;
import org.voz.requests.FileRequest;
import org.voz.store.DocumentStore;

/**
 * The one-time link to a document: {@code GET /d/<token>} asks for the PIN, {@code POST /d/<token>} checks it
 * (on a worker thread) and, if right, burns the link and streams the PDF. A wrong PIN counts toward the
 * lockout in the same version-checked commit as a PIN sent by chat (the fifth locks the record and raises
 * {@code pin.locked}); a right one resets the count. Every download is a ledger event, and a request ready
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
          check(ctx, token, link, state, digits);
        }
      }).onFailure(e -> fail(ctx, e));
    }).onFailure(e -> fail(ctx, e));
  }

  /** The PIN check is slow on purpose: on a worker thread. */
  private void check(RoutingContext ctx, String token, DocumentStore.Link link, SurvivorState state, String pin) {
    Survivor survivor = state.survivor();
    s.vertx().executeBlocking(() -> {
          if (s.pins().matches(pin, survivor.pinHash())) {
            return "right";
          }
          return survivor.duressPinHash() != null && s.pins().matches(pin, survivor.duressPinHash()) ? "duress" : "wrong";
        }, false)
        .onSuccess(result -> {
          switch (result) {
            case "right" -> deliver(ctx, token, link, lang(state));
            case "duress" -> duress(ctx, link);
            default -> wrongPin(ctx, link, lang(state));
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  private void deliver(RoutingContext ctx, String token, DocumentStore.Link link, String language) {
    documents.burn(token)
        .compose(burned -> burned ? documents.load(link.survivorId(), link.documentId())
            : Future.succeededFuture(java.util.Optional.empty()))
        .compose(sealed -> {
          if (sealed.isEmpty()) {
            return Future.succeededFuture((byte[]) null);
          }
          return s.updates().update(link.survivorId(), EffectWriter.Actor.system("download"), st -> downloaded(st, link))
              .compose(survivor -> {
                LOG.info("document downloaded survivor={} request={}", link.survivorId(), link.requestId());
                boolean copy = survivor.request(link.requestId()).map(r -> r.kind().equals("copy")).orElse(false);
                if (copy) {
                  return copyPage(ctx, survivor, link, language).map(v -> (byte[]) null);
                }
                return s.vertx().executeBlocking(() -> documents.open(link.documentId(), sealed.get()), false);
              });
        })
        .onSuccess(pdf -> {
          if (pdf != null) {
            pdf(ctx, pdf);
          } else if (!ctx.response().ended()) {
            gone(ctx);
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  /**
   * A copy of the file: the page of what Voz holds about the survivor, with the agency's document behind a
   * second one-time link that works for a few minutes without asking the PIN again.
   */
  private Future<Void> copyPage(RoutingContext ctx, Survivor survivor, DocumentStore.Link link, String language) {
    return documents.issueLink(new DocumentStore.Link(link.survivorId(), link.requestId(), link.documentId(), true),
            PASS_LIFETIME)
        .compose(pass -> summary.page(survivor, language, "/d/" + pass))
        .map(page -> {
          html(ctx, 200, page);
          return null;
        });
  }

  /** The second link of a copy's page: burned on first use, then the PDF. */
  private void pass(RoutingContext ctx, String token, DocumentStore.Link link) {
    documents.burn(token)
        .compose(burned -> burned ? documents.load(link.survivorId(), link.documentId())
            : Future.succeededFuture(java.util.Optional.<org.voz.crypto.DocumentCipher.Sealed>empty()))
        .compose(sealed -> sealed.isEmpty() ? Future.succeededFuture((byte[]) null)
            : s.updates().update(link.survivorId(), EffectWriter.Actor.system("download"), st -> new SurvivorUpdates.Change(
                    st.survivor(), st.session(), List.of(downloadEvent(st.survivor(), link, "document")), null))
                .compose(v -> s.vertx().executeBlocking(() -> documents.open(link.documentId(), sealed.get()), false)))
        .onSuccess(pdf -> {
          if (pdf == null) {
            gone(ctx);
          } else {
            pdf(ctx, pdf);
          }
        })
        .onFailure(e -> fail(ctx, e));
  }

  /** The download: a ledger event, a right PIN's reset of the count, and a ready request becomes delivered. */
  private SurvivorUpdates.Change downloaded(SurvivorState state, DocumentStore.Link link) {
    Survivor survivor = state.survivor();
    FileRequest r = survivor.request(link.requestId()).orElse(null);
    Survivor updated = r != null && r.status().equals("ready")
        ? survivor.withRequest(r.withStatus("delivered", r.reason(), s.clock().instant()))
        : survivor;
    Session x = state.session();
    Session reset = x.pinFailures() == 0 ? x : new Session(x.version(), x.language(), x.flow(), x.step(), x.verified(), 0,
        x.locked(), x.optedOut(), x.invalidCount(), x.lastActivity(), x.turns(), x.vars());
    String part = r != null && r.kind().equals("copy") ? "copy" : "document";
    return new SurvivorUpdates.Change(updated, reset, List.of(downloadEvent(survivor, link, part)), null);
  }

  /** The ledger event of a download: {@code part} is {@code document} (the PDF) or {@code copy} (the copy's page). */
  private static Effect downloadEvent(Survivor survivor, DocumentStore.Link link, String part) {
    String reference = survivor.request(link.requestId()).map(FileRequest::reference).orElse("");
    return new Effect.AppendLedger("file_request.downloaded", Map.of("requestId", link.requestId(),
        "receipt", reference, "part", part));
  }

  private void wrongPin(RoutingContext ctx, DocumentStore.Link link, String language) {
    int max = s.config().security().maxPinAttempts();
    s.updates().update(link.survivorId(), EffectWriter.Actor.system("download"), state -> {
          Session x = state.session();
          int failures = x.pinFailures() + 1;
          boolean lock = failures >= max;
          List<Effect> effects = new ArrayList<>();
          if (lock) {
            effects.add(new Effect.RaiseAlert("pin.locked", Map.of("channel", "link")));
          }
          Session after = lock
              ? new Session(x.version(), x.language(), null, null, false, failures, true, x.optedOut(), 0,
                  x.lastActivity(), x.turns(), Map.of())
              : new Session(x.version(), x.language(), x.flow(), x.step(), x.verified(), failures, x.locked(),
                  x.optedOut(), x.invalidCount(), x.lastActivity(), x.turns(), x.vars());
          return new SurvivorUpdates.Change(state.survivor(), after, effects, null);
        })
        .compose(v -> state(link.survivorId()))
        .onSuccess(state -> html(ctx, 200, state != null && state.session().locked()
            ? DownloadHtml.message(language, List.of(text("locked", language)))
            : form(language, text("wrong_pin", language))))
        .onFailure(e -> fail(ctx, e));
  }

  /** A duress PIN: the case manager is alerted silently, and the page shows nothing but a dead link. */
  private void duress(RoutingContext ctx, DocumentStore.Link link) {
    s.updates().update(link.survivorId(), EffectWriter.Actor.system("download"), state -> new SurvivorUpdates.Change(
            state.survivor(), state.session(), List.of(new Effect.RaiseAlert("duress", Map.of("channel", "link"))), null))
        .onSuccess(v -> gone(ctx))
        .onFailure(e -> fail(ctx, e));
  }

  private Future<SurvivorState> state(String survivorId) {
    return s.sessions().load(s.keys().partitionOf(survivorId), survivorId)
        .map(stored -> stored.record() == null ? null : SurvivorState.open(stored, s.survivors(), s.keyring()));
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
    noStore(ctx).setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(html);
  }

  static void pdf(RoutingContext ctx, byte[] pdf) {
    noStore(ctx).putHeader("Content-Type", "application/pdf")
        .putHeader("Content-Disposition", "attachment; filename=\"document.pdf\"")
        .end(Buffer.buffer(pdf));
  }

  static io.vertx.core.http.HttpServerResponse noStore(RoutingContext ctx) {
    return ctx.response().putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Robots-Tag", "noindex").putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    LOG.warn("document link failed error={}", e.getClass().getSimpleName());
    html(ctx, 503, DownloadHtml.message("en", List.of("Please try again later.")));
  }
}
