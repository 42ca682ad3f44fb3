package org.voz.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voz.consent.LedgerEvent;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.requests.FileRequest;

/** How a file request is written into the survivor's record and ledger (the shell's side of the effect). */
final class RequestRecords {

  private RequestRecords() {}

  /** The record with {@code request} added, unless it has a request with that id already (a replayed effect). */
  static Survivor open(Survivor survivor, FileRequest request) {
    if (survivor.request(request.id()).isPresent()) {
      return survivor;
    }
    List<FileRequest> requests = new ArrayList<>(survivor.requests());
    requests.add(request);
    return survivor.withRequests(requests);
  }

  /** The ledger event {@code file_request.opened}: codes and dates only; the survivor's words stay in the record. */
  static LedgerEvent openedEvent(Effect.FileRequestOpened opened, String channel, String actor, String language,
      Instant now) {
    FileRequest r = opened.request();
    return LedgerEvent.unchained("file_request.opened", now, channel, actor, null, null, "open", r.reference(),
        opened.flow(), opened.flowVersion(), language, "", "").withDetails(details(r));
  }

  /** A ledger event's details for {@code request}. */
  static Map<String, String> details(FileRequest r) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("requestId", r.id());
    details.put("kind", r.kind());
    details.put("delivery", r.delivery());
    details.put("dueAt", r.dueAt().toString());
    return details;
  }
}
