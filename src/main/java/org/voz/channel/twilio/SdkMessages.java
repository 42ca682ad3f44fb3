package org.voz.channel.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.base.Page;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.net.URI;

/**
 * Messages created through the Twilio SDK ({@code Message.creator(...).create(client)}), whose client
 * talks to {@code TWILIO_API_BASE}. The SDK blocks, so each call runs on a worker thread, unordered (the
 * sender orders the parts of one reply itself).
 */
public final class SdkMessages implements TwilioMessages {

  private final Vertx vertx;
  private final TwilioRestClient client;

  public SdkMessages(Vertx vertx, TwilioRestClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  @Override
  public Future<String> create(MultiMap form) {
    return vertx.executeBlocking(() -> creator(form).create(client).getSid(), false)
        .recover(failure -> Future.failedFuture(failure instanceof ApiException api && api.getStatusCode() != null
            ? new TwilioMessagesApi.Failure(api.getStatusCode(), api.getCode())
            : failure));
  }

  @Override
  public Future<java.util.List<Listed>> recent(String to, String from, java.time.Instant since) {
    return vertx.executeBlocking(() -> read(to, from, since), false)
        .recover(failure -> Future.failedFuture(failure instanceof ApiException api && api.getStatusCode() != null
            ? new TwilioMessagesApi.Failure(api.getStatusCode(), api.getCode())
            : failure));
  }

  /** Page by page (not the SDK's auto-paging, which would read every message ever sent to the address). */
  private java.util.List<Listed> read(String to, String from, java.time.Instant since) {
    MessageReader reader = Message.reader().setTo(new PhoneNumber(to)).setPageSize((long) PAGE_SIZE);
    if (!from.startsWith("MG")) {
      reader.setFrom(new PhoneNumber(from));
    }
    java.util.List<Listed> found = new java.util.ArrayList<>();
    Page<Message> page = reader.firstPage(client);
    for (int pages = 1; ; pages++) {
      for (Message m : page.getRecords()) {
        java.time.Instant created = m.getDateCreated() == null ? null : m.getDateCreated().toInstant();
        if (created == null || created.isBefore(since)) {
          return found;
        }
        if (!from.startsWith("MG") || from.equals(m.getMessagingServiceSid())) {
          found.add(new Listed(m.getSid(), m.getBody(), created, m.getMessagingServiceSid()));
        }
      }
      if (!page.hasNextPage() || pages >= MAX_PAGES) {
        return found;
      }
      page = reader.nextPage(page, client);
    }
  }

  private static MessageCreator creator(MultiMap form) {
    PhoneNumber to = new PhoneNumber(form.get("To"));
    String body = form.get("Body");
    String service = form.get("MessagingServiceSid");
    MessageCreator creator = service != null
        ? Message.creator(to, service, body)
        : Message.creator(to, new PhoneNumber(form.get("From")), body);
    if (form.contains("ContentSid")) {
      creator.setContentSid(form.get("ContentSid"));
    }
    if (form.contains("StatusCallback")) {
      creator.setStatusCallback(URI.create(form.get("StatusCallback")));
    }
    return creator;
  }
}
