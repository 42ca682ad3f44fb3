package org.voz.channel.twilio;

import io.vertx.core.Future;
import java.util.List;
import java.util.regex.Pattern;
import org.voz.channel.SentListener;
import org.voz.dispatch.OutboundText;
import org.voz.store.OutboxEntry;
import org.voz.store.SentMessages;

/**
 * Remembers the MessageSids of the Twilio messages whose later failure must raise an alert: alert notes to a
 * case manager ({@code staffnote}) and replies carrying a consent receipt. Other messages are not tracked (one
 * Redis write per message saved on the hot path).
 */
public final class TwilioSentLog implements SentListener {

  private static final Pattern SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");

  private final SentMessages sent;

  public TwilioSentLog(SentMessages sent) {
    this.sent = sent;
  }

  @Override
  public Future<Void> sent(OutboxEntry entry, String address, OutboundText text, List<String> ids) {
    boolean tracked = entry.kind() == OutboxEntry.Kind.STAFFNOTE || entry.marked(OutboxEntry.RECEIPT);
    List<String> sids = ids.stream().filter(id -> SID.matcher(id).matches()).toList();
    if (!tracked || entry.survivor().isEmpty() || sids.isEmpty()) {
      return Future.succeededFuture();
    }
    return sent.rememberWhileEnrolled(sids, new SentMessages.Sent(entry.kind(), entry.id(), entry.survivor(), entry.marks()));
  }
}
