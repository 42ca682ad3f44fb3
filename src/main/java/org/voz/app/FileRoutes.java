package org.voz.app;

import io.vertx.ext.web.Router;
import org.voz.store.DocumentStore;

/**
 * File requests at the edge: the survivor's one-time link pages ({@code /d/<token>}, no token: the PIN is the key).
 * The staff side ({@code /api/v1/requests…}) is part of the staff API ({@link StaffRoutes}).
 */
final class FileRoutes {

  private final DownloadPage page;

  FileRoutes(Services s) {
    Config.Requests config = s.config().requests();
    DocumentStore documents = new DocumentStore(s.redis(), s.keys(), s.keyring());
    this.page = new DownloadPage(s, documents, new CopySummary(s.conversations(),
        new org.voz.store.LedgerReader(s.sessions(), s.keys(), s.survivors()),
        new org.voz.store.FeedbackStore(s.redis(), s.keys(), s.keyring()), config.documentLifetime(),
        new org.voz.store.AccessLog(s.redis(), s.keys(), s.survivors())));
  }

  void mount(Router router) {
    page.mount(router);
  }
}
