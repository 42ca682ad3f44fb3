package org.voz.channel.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code twilio:} section: SMS and WhatsApp through Twilio (every key documented in
 * {@code config/application.yaml}).
 *
 * @param maxSegments               the most segments one SMS may take; a longer reply goes as several messages
 * @param messagesPerSecond         sends per second per sender (1 for a long code)
 * @param deleteBodiesAfterDelivery delete each message at Twilio once its status is final
 * @param whatsappTemplates         language → Content SID ({@code HX…}) of the approved template for proactive
 *                                  WhatsApp messages outside the 24-hour window
 * @param sendThrough               {@code sdk} (the Twilio SDK on worker threads) or {@code api} (a non-blocking
 *                                  form POST to the same Messages API)
 */
public record TwilioOptions(boolean enabled, String accountSid, String authToken, String from, String apiBase,
    int maxSegments, double messagesPerSecond, boolean deleteBodiesAfterDelivery,
    Map<String, String> whatsappTemplates, String sendThrough) {

  public TwilioOptions {
    whatsappTemplates = whatsappTemplates == null ? Map.of() : Map.copyOf(whatsappTemplates);
    sendThrough = sendThrough == null ? "sdk" : sendThrough;
  }

  public boolean sendThroughSdk() {
    return "sdk".equals(sendThrough);
  }

  /** Whether Voz can talk to Twilio at all: enabled, with credentials. */
  public boolean usable() {
    return enabled && !accountSid.isBlank() && !authToken.isBlank();
  }

  /** What is wrong with these settings in any environment. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (maxSegments < 1 || maxSegments > 10) {
      problems.add("twilio.maxSegments must be 1..10");
    }
    if (messagesPerSecond <= 0) {
      problems.add("twilio.messagesPerSecond must be positive");
    }
    if (!"sdk".equals(sendThrough) && !"api".equals(sendThrough)) {
      problems.add("twilio.sendThrough must be sdk or api");
    }
    whatsappTemplates.forEach((language, sid) -> {
      if (sid == null || !sid.matches("HX[0-9a-fA-F]{32}")) {
        problems.add("twilio.whatsappTemplates." + language + " must be a Content SID (HX followed by 32 hex digits)");
      }
    });
    return problems;
  }

  /** What production refuses, Twilio signing the public URL it calls. */
  public List<String> productionProblems(String publicUrl) {
    List<String> problems = new ArrayList<>();
    if (!enabled) {
      return problems;
    }
    requireSet(problems, accountSid, "TWILIO_ACCOUNT_SID");
    requireSet(problems, authToken, "TWILIO_AUTH_TOKEN");
    requireSet(problems, from, "TWILIO_FROM");
    if (publicUrl.isBlank() || publicUrl.contains("://localhost") || publicUrl.contains("://127.0.0.1")) {
      problems.add("VOZ_PUBLIC_URL must be the public URL Twilio calls (Twilio signs it)");
    }
    return problems;
  }

  static void requireSet(List<String> problems, String value, String variable) {
    if (value == null || value.isBlank()) {
      problems.add(variable + " is required in production");
    }
  }
}
