package org.voz.channel.twilio;

import com.twilio.http.TwilioRestClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.channel.ChannelSender;
import org.voz.conversation.SmsSegments;
import org.voz.conversation.SmsText;
import org.voz.dispatch.DeliveryException;
import org.voz.dispatch.OutboundText;

/**
 * Sends SMS and WhatsApp replies through Twilio's Messages API ({@link TwilioMessages}: the SDK on worker
 * threads, or a non-blocking form POST). An SMS goes GSM-7 when typographic characters were all that stood in the way,
 * and a text longer than {@code maxSegments} segments goes as several messages, each within the budget, in
 * order; WhatsApp is not segmented, so there only Twilio's 1600-character body limit cuts. 429 and 5xx are worth retrying;
 * other 4xx are permanent (an invalid or blocked number, or 21610: the recipient answered STOP).
 */
public final class TwilioSender implements ChannelSender {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioSender.class);
  /** Twilio's limit for one message body, in characters. */
  static final int MAX_BODY = 1600;
  /** Twilio's error code for a recipient who unsubscribed (STOP) from this sender. */
  static final int UNSUBSCRIBED = 21610;

  private final TwilioMessages api;
  private final String from;
  private final boolean whatsapp;
  private final String statusCallback;
  private final int maxSegments;

  /** @param whatsapp whether this sender writes to WhatsApp ({@code whatsapp:} addresses) rather than SMS */
  public TwilioSender(TwilioMessages api, String from, boolean whatsapp) {
    this(api, from, whatsapp, null, 3);
  }

  /**
   * @param statusCallback where Twilio POSTs this message's delivery statuses (see {@link #statusCallbackUrl}),
   *                       or {@code null} for none
   * @param maxSegments    the most segments one SMS may take (twilio.maxSegments)
   */
  public TwilioSender(TwilioMessages api, String from, boolean whatsapp, String statusCallback, int maxSegments) {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be at least 1");
    }
    this.api = api;
    this.from = senderFor(from, whatsapp);
    this.whatsapp = whatsapp;
    this.statusCallback = statusCallback;
    this.maxSegments = maxSegments;
  }

  /**
   * {@code <publicUrl>/webhooks/twilio/status}, or {@code null} when the public URL is a local one Twilio
   * cannot call (development), so that Twilio's debugger does not fill with failed callbacks.
   */
  public static String statusCallbackUrl(String publicUrl) {
    if (publicUrl == null || publicUrl.isBlank()) {
      return null;
    }
    String host = java.net.URI.create(publicUrl.trim()).getHost();
    if (host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("0.0.0.0")) {
      return null;
    }
    return publicUrl.replaceAll("/+$", "") + "/webhooks/twilio/status";
  }

  /**
   * An SDK client for {@code accountSid}/{@code authToken} that talks to {@code apiBase}, sends each request once
   * (no SDK retries: the outbox retries) and gives up within seconds ({@link TwilioHttpClient}).
   */
  public static TwilioRestClient client(String accountSid, String authToken, String apiBase) {
    return new TwilioRestClient.Builder(accountSid, authToken).httpClient(new TwilioHttpClient(apiBase)).build();
  }

  /** The parts {@link #send} sends for {@code text}, in order. */
  public List<String> parts(String text) {
    if (whatsapp) {
      return SmsText.splitByLength(text, MAX_BODY);
    }
    // the usual case: the commit already cut the reply into GSM-7 parts within the budget, and this runs
    // for the rate limit's cost and again for the send; split would return the text as it is
    if (text.strip().length() == text.length() && SmsSegments.encoding(text) == SmsSegments.Encoding.GSM7
        && SmsSegments.segments(text) <= maxSegments) {
      return text.isEmpty() ? List.of() : List.of(text);
    }
    return SmsText.split(text, maxSegments);
  }

  /** What {@code text} costs of the sender's rate: its segments on SMS (Twilio counts those), its messages on WhatsApp. */
  public int cost(OutboundText text) {
    List<String> parts = parts(text.asText());
    return whatsapp ? parts.size() : parts.stream().mapToInt(org.voz.conversation.SmsSegments::segments).sum();
  }

  /** Sends the parts in order; completes with their MessageSids. */
  @Override
  public Future<List<String>> send(String address, OutboundText text) {
    Future<List<String>> chain = Future.succeededFuture(List.of());
    for (String part : parts(text.asText())) {
      chain = chain.compose(sids -> sendOne(address, part, null).map(sid -> plus(sids, sid)));
    }
    return chain;
  }

  /**
   * Sends again a reply whose earlier attempt (begun at or after {@code since}) may have reached Twilio: first asks
   * Twilio for the messages to the address from this sender created since then ({@link TwilioMessages#recent}), and
   * takes each part found there, in order, by its exact body, as sent (its MessageSid) without sending it; the parts
   * from the first one not found on are sent. The list failing, or not answering within {@link #LOOKUP_TIMEOUT_MS},
   * sends every part, as {@link #send} does.
   */
  @Override
  public Future<List<String>> sendAgain(String address, OutboundText text, java.time.Instant since) {
    List<String> parts = parts(text.asText());
    if (parts.isEmpty()) {
      return send(address, text);
    }
    Future<List<TwilioMessages.Listed>> listed;
    try {
      listed = api.recent(whatsapp ? "whatsapp:" + address : address, from,
          since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    } catch (RuntimeException e) {
      listed = Future.failedFuture(e);
    }
    return listed.timeout(LOOKUP_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .map(messages -> alreadySent(parts, messages))
        .otherwise(failure -> {
          LOG.info("twilio's message list unavailable ({}): the reply is sent again", failure.getClass().getSimpleName());
          return List.of();
        })
        .compose(found -> {
          if (!found.isEmpty()) {
            LOG.info("twilio already has {} of the {} part(s) of a reply sent again: not sent again", found.size(), parts.size());
          }
          Future<List<String>> chain = Future.succeededFuture(found);
          for (String part : parts.subList(found.size(), parts.size())) {
            chain = chain.compose(sids -> sendOne(address, part, null).map(sid -> plus(sids, sid)));
          }
          return chain;
        });
  }

  /** The longest {@link #sendAgain} waits for Twilio's list before it sends. */
  static final long LOOKUP_TIMEOUT_MS = 5_000;

  /**
   * The SIDs of the first parts Twilio has, in order: each part is looked for among the listed messages (oldest
   * first, each message taken once: the same text twice is two messages) by its exact body; the first part not found
   * ends the list (the parts go one after another, so it and every later part were not sent). Twilio dates its
   * messages to the second, so parts sent within one second are not told apart by their order.
   *
   * @param listed newest first, as Twilio lists them
   */
  static List<String> alreadySent(List<String> parts, List<TwilioMessages.Listed> listed) {
    List<TwilioMessages.Listed> oldestFirst = new java.util.ArrayList<>(listed);
    java.util.Collections.reverse(oldestFirst);
    boolean[] taken = new boolean[oldestFirst.size()];
    List<String> sids = new java.util.ArrayList<>();
    for (String part : parts) {
      int at = -1;
      for (int i = 0; i < oldestFirst.size() && at < 0; i++) {
        if (!taken[i] && oldestFirst.get(i).sid() != null && part.equals(oldestFirst.get(i).body())) {
          at = i;
        }
      }
      if (at < 0) {
        break;
      }
      taken[at] = true;
      sids.add(oldestFirst.get(at).sid());
    }
    return sids;
  }

  /** Sends an approved WhatsApp template (a Content SID, {@code HX…}) instead of a free-form body. */
  public Future<List<String>> sendTemplate(String address, String contentSid) {
    return sendOne(address, null, contentSid).map(List::of);
  }

  private Future<String> sendOne(String address, String body, String contentSid) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("To", whatsapp ? "whatsapp:" + address : address)
        .add(from.startsWith("MG") ? "MessagingServiceSid" : "From", from);
    if (body != null) {
      form.add("Body", body);
    }
    if (contentSid != null) {
      form.add("ContentSid", contentSid);
    }
    if (statusCallback != null) {
      form.add("StatusCallback", statusCallback);
    }
    return api.create(form).recover(failure -> Future.failedFuture(classify(failure)));
  }

  private static List<String> plus(List<String> sids, String sid) {
    List<String> all = new java.util.ArrayList<>(sids);
    if (sid != null) {
      all.add(sid);
    }
    return all;
  }

  /** The From of this channel: a Messaging Service as is, else the number with (WhatsApp) or without (SMS) its prefix. */
  static String senderFor(String from, boolean whatsapp) {
    if (from == null || from.startsWith("MG")) {
      return from == null ? "" : from;
    }
    String number = from.startsWith("whatsapp:") ? from.substring("whatsapp:".length()) : from;
    return whatsapp ? "whatsapp:" + number : number;
  }

  static DeliveryException classify(Throwable failure) {
    if (failure instanceof TwilioMessagesApi.Failure answered) {
      int status = answered.status();
      Integer code = answered.code();
      String reason = answered.getMessage();
      if (code != null && code == UNSUBSCRIBED) {
        LOG.warn("twilio refused a send: the recipient unsubscribed (STOP at Twilio) error_code={}", code);
        return DeliveryException.permanentFailure(reason + " (recipient unsubscribed)");
      }
      if (status == 429 || status >= 500) {
        return DeliveryException.transientFailure(reason);
      }
      LOG.warn("twilio refused a send status={} error_code={}", status, code == null ? "-" : code);
      return DeliveryException.permanentFailure(reason);
    }
    // no answer from Twilio (a connection that failed or timed out under the request): it may have the message
    return DeliveryException.unsure("twilio unreachable: " + failure.getClass().getSimpleName());
  }
}
