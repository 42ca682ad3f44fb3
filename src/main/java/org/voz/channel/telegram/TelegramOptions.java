package org.voz.channel.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code telegram:} section (every key documented in {@code config/application.yaml}).
 *
 * @param messagesPerSecond   sends per second over all chats
 * @param perChatPerSecond    sends per second to one chat
 * @param mode                {@code webhook} or {@code polling} (development without a public URL)
 * @param pollingInProduction whether polling may run when env is production
 * @param forgetSweepInterval how often sensitive messages of chats quiet for the idle timeout are deleted
 */
public record TelegramOptions(
    boolean enabled, String botToken, String webhookSecret, String apiBase, String botUsername,
    Duration linkTtl, double messagesPerSecond, double perChatPerSecond, String mode,
    boolean pollingInProduction, Duration forgetSweepInterval) {

  public boolean polling() {
    return "polling".equals(mode);
  }

  /** What is wrong with these settings in any environment. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (messagesPerSecond <= 0) {
      problems.add("telegram.messagesPerSecond must be positive");
    }
    if (perChatPerSecond <= 0) {
      problems.add("telegram.perChatPerSecond must be positive");
    }
    if (forgetSweepInterval == null || forgetSweepInterval.isNegative() || forgetSweepInterval.isZero()) {
      problems.add("telegram.forgetSweepInterval must be positive");
    }
    if (!"webhook".equals(mode) && !"polling".equals(mode)) {
      problems.add("telegram.mode must be webhook or polling");
    }
    return problems;
  }

  /** What production refuses. */
  public List<String> productionProblems() {
    List<String> problems = new ArrayList<>();
    if (!enabled) {
      return problems;
    }
    if (botToken == null || botToken.isBlank()) {
      problems.add("TELEGRAM_BOT_TOKEN is required in production");
    }
    if (webhookSecret == null || webhookSecret.isBlank()) {
      problems.add("TELEGRAM_WEBHOOK_SECRET is required in production");
    }
    if (polling() && !pollingInProduction) {
      problems.add("telegram.mode polling is for development; set telegram.pollingInProduction to run it in production");
    }
    return problems;
  }
}
