package org.voz.channel.telegram;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessages;
import org.voz.channel.SentListener;
import org.voz.contact.ChannelId;
import org.voz.dispatch.OutboundText;
import org.voz.store.OutboxEntry;
import org.voz.store.ShownMessages;

/**
 * Keeps a survivor's Telegram chat free of anything sensitive once a conversation is over. Each sensitive
 * reply that went out (said while verified) is recorded with the survivor's own message it answered (the PIN
 * among them: the Bot API lets a bot delete incoming messages in private chats too); {@link #forget} deletes
 * them all with {@code deleteMessages} (at most 100 per call), within Telegram's 48 hours. Messages Telegram no
 * longer has, or no longer lets a bot delete, are forgotten with the rest, as are those of a request Telegram
 * Bots' {@link DeleteMessages} refuses (no id that can be a message_id); only a failure worth retrying (429,
 * 5xx, Telegram unreachable) fails, so that the caller tries again. Chat ids are personal: never logged.
 */
public final class SensitiveMessages implements SentListener {

  private static final Logger LOG = LoggerFactory.getLogger(SensitiveMessages.class);
  /** Telegram's limit for one deleteMessages call. */
  static final int MAX_PER_CALL = 100;

  private final TelegramApi api;
  private final ShownMessages shown;
  private final Clock clock;

  public SensitiveMessages(TelegramApi api, ShownMessages shown, Clock clock) {
    this.api = api;
    this.shown = shown;
    this.clock = clock;
  }

  @Override
  public Future<Void> sent(OutboxEntry entry, String chatId, OutboundText text, List<String> ids) {
    if (!ChannelId.TELEGRAM.value().equals(entry.channel()) || !entry.marked(OutboxEntry.SENSITIVE) || entry.survivor().isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> all = new ArrayList<>(ids);
    if (text.answers() != null) {
      all.add(text.answers());
    }
    all.removeIf(id -> !id.matches("[0-9]{1,18}"));
    return shown.recordWhileEnrolled(entry.survivor(), chatId, all, clock.instant());
  }

  /** Deletes every recorded message of {@code survivorId}'s chats; completes with how many were asked. */
  public Future<Integer> forget(String survivorId) {
    return shown.of(survivorId).compose(messages -> {
      Map<String, List<ShownMessages.Shown>> byChat = new LinkedHashMap<>();
      messages.forEach(m -> byChat.computeIfAbsent(m.chatId(), c -> new ArrayList<>()).add(m));
      Future<Void> chain = Future.succeededFuture();
      for (List<ShownMessages.Shown> chat : byChat.values()) {
        for (int from = 0; from < chat.size(); from += MAX_PER_CALL) {
          List<ShownMessages.Shown> batch = chat.subList(from, Math.min(chat.size(), from + MAX_PER_CALL));
          chain = chain.compose(v -> delete(batch)).compose(v -> shown.forgotten(survivorId, batch));
        }
      }
      return chain.map(v -> messages.size());
    }).onSuccess(n -> {
      if (n > 0) {
        LOG.info("telegram sensitive messages deleted survivor={} count={}", survivorId, n);
      }
    });
  }

  private Future<Void> delete(List<ShownMessages.Shown> batch) {
    // a message_id is a 32-bit integer in the Bot API (and in the library): a larger id names no message
    List<Integer> ids = batch.stream().map(m -> Long.parseLong(m.messageId()))
        .filter(id -> id <= Integer.MAX_VALUE).map(Long::intValue).distinct().toList();
    DeleteMessages request = new DeleteMessages(batch.get(0).chatId(), ids);
    return api.call(request).<Void>mapEmpty().recover(failure -> {
      if (failure instanceof TelegramApi.Invalid) {
        LOG.info("telegram deleteMessages not sent ({}): forgotten", failure.getMessage());
        return Future.succeededFuture();
      }
      if (failure instanceof TelegramApi.Failure f && f.status() >= 400 && f.status() < 500 && f.status() != 429) {
        // "message to delete not found", "message can't be deleted" (past 48 h), the bot was blocked:
        // nothing more can be done for these messages
        LOG.info("telegram deleteMessages refused ({}): forgotten", f.status());
        return Future.succeededFuture();
      }
      return Future.failedFuture(TelegramSender.classify(failure));
    });
  }
}
