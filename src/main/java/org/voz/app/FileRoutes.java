package org.voz.app;

import org.voz.service.ConversationNudge;
import org.voz.service.casework.RequestMessages;
import io.vertx.ext.web.Router;
import org.voz.staff.RequestsApi;
import org.voz.store.DocumentStore;
import org.voz.store.RequestIndex;

/**
 * File requests at the edge: the staff API ({@code /api/v1/requests…}, behind the bearer-token check mounted
 * before it) and the survivor's one-time link pages ({@code /d/<token>}, no token: the PIN is the key).
 */
final class FileRoutes {

  private final RequestsApi api;
  private final DownloadPage page;

  FileRoutes(Services s) {
    Config.Requests config = s.config().requests();
    DocumentStore documents = new DocumentStore(s.redis(), s.keys(), s.keyring());
    RequestMessages messages = new RequestMessages(s.conversations(),
        new ConversationNudge(s.conversations(), s.clock(), s.config().conversation().idleTimeout()),
        s.config().http().publicUrl(), config.documentLifetime());
    this.api = new RequestsApi(s.vertx(), s.updates(), s.survivors(), new RequestIndex(s.redis(), s.keys()), documents,
        messages, s.clock(), config.maxDocumentBytes(), config.documentLifetime());
    this.page = new DownloadPage(s, documents, new CopySummary(s.conversations(),
        new org.voz.store.LedgerReader(s.sessions(), s.keys(), s.keyring()),
        new org.voz.store.FeedbackStore(s.redis(), s.keys(), s.keyring()), config.documentLifetime()));
  }

  /** Mount after the staff API's authentication handler. */
  void mount(Router router) {
    api.mount(router);
    page.mount(router);
  }
}
