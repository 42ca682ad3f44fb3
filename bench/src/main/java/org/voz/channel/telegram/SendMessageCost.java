package org.voz.channel.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.voz.conversation.Choice;
import org.voz.dispatch.OutboundText;

/**
 * What Telegram Bots' method objects cost on the send path, against the JsonObject Voz built before (issue
 * 15), and what its {@code Update} model costs on the inbound path, against the JSON tree: a plain
 * {@code System.nanoTime} loop run by hand, not a test and not JMH. Each round runs every variant in turn
 * (the same machine load for each); the figure is the median of the measured rounds, in ns per operation.
 * <pre>
 * mvn -q -DskipTests package &amp;&amp; mkdir -p target/cost &amp;&amp; javac -nowarn -d target/cost -cp target/voz.jar \
 *   bench/src/main/java/org/voz/channel/telegram/SendMessageCost.java &amp;&amp; \
 *   java -cp target/voz.jar:target/cost org.voz.channel.telegram.SendMessageCost
 * </pre>
 */
public final class SendMessageCost {

  private static final OutboundText REPLY = OutboundText.reply("¿Qué quieres hacer?",
      Choice.numbered(List.of("Ver mis permisos", "Cambiar un permiso", "Dar una opinión", "Salir")), true, null);
  private static final byte[] UPDATE = ("{\"update_id\":702342871,\"message\":{\"message_id\":41,\"from\":{\"id\":5512345678,"
      + "\"is_bot\":false,\"first_name\":\"María\",\"language_code\":\"es\"},\"chat\":{\"id\":5512345678,"
      + "\"first_name\":\"María\",\"type\":\"private\"},\"date\":1763892000,\"text\":\"Hola\"}}")
      .getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper MODEL = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SendMessageCost() {}

  public static void main(String[] args) throws Exception {
    int ops = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int warmup = 10;
    int rounds = 15;
    List<String> names = List.of("sendMessage as JsonObject, encoded (before)",
        "sendMessage as SendMessage + InlineKeyboardMarkup, validated, serialized (now)",
        "update as JSON tree (TelegramUpdate.parse, now)",
        "update as Telegram Bots' Update model");
    List<ToIntFunction<Integer>> variants = List.of(
        i -> Buffer.buffer(before("5512345678", REPLY).encode()).length(),
        i -> TelegramApi.body(TelegramSender.sendMessage("5512345678", REPLY)).length(),
        i -> TelegramUpdate.parse(UPDATE).text().length(),
        i -> model(UPDATE));
    System.out.println("before: " + before("5512345678", REPLY).encode());
    System.out.println("now:    " + TelegramApi.body(TelegramSender.sendMessage("5512345678", REPLY)));
    double[][] perOp = new double[variants.size()][rounds];
    long sink = 0;
    for (int round = -warmup; round < rounds; round++) {
      for (int v = 0; v < variants.size(); v++) {
        ToIntFunction<Integer> variant = variants.get(v);
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
          sink += variant.applyAsInt(i);
        }
        long elapsed = System.nanoTime() - start;
        if (round >= 0) {
          perOp[v][round] = (double) elapsed / ops;
        }
      }
    }
    for (int v = 0; v < variants.size(); v++) {
      double[] sorted = perOp[v].clone();
      Arrays.sort(sorted);
      System.out.printf("%-82s median %7.0f ns/op (min %5.0f, max %5.0f)%n", names.get(v), sorted[rounds / 2],
          sorted[0], sorted[rounds - 1]);
    }
    System.out.println("(sink " + sink + ", " + ops + " ops per round, " + rounds + " rounds after " + warmup + " of warm-up)");
  }

  private static int model(byte[] body) {
    try {
      return MODEL.readValue(body, Update.class).getMessage().getText().length();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** TelegramSender's body as it was before issue 15, for comparison. */
  static JsonObject before(String chatId, OutboundText text) {
    String all = text.asText();
    String body = all.length() > TelegramSender.MAX_TEXT ? all.substring(0, TelegramSender.MAX_TEXT) : all;
    JsonObject message = new JsonObject().put("chat_id", chatId).put("text", body);
    if (!text.buttons().isEmpty()) {
      JsonArray rows = new JsonArray();
      for (Choice choice : text.buttons()) {
        String label = choice.key() + ". " + choice.label();
        if (label.length() > TelegramSender.MAX_LABEL) {
          label = label.substring(0, TelegramSender.MAX_LABEL - 1) + "…";
        }
        rows.add(new JsonArray().add(new JsonObject().put("text", label).put("callback_data", choice.key())));
      }
      message.put("reply_markup", new JsonObject().put("inline_keyboard", rows));
    }
    return message;
  }
}
