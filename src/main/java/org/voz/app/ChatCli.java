package org.voz.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code voz chat}: the simulator in a terminal. Sends each line typed as a message from a simulator
 * persona to a running dev service and prints the replies the outbox delivers.
 */
final class ChatCli {

  private static final Duration WAIT = Duration.ofSeconds(3);

  private ChatCli() {}

  static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out) {
    String as = "ana";
    String url = "http://localhost:" + env.getOrDefault("VOZ_HTTP_PORT", "8080");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--as" -> as = value(args, ++i);
        case "--url" -> url = value(args, ++i);
        default -> {
          out.println("usage: voz chat [--as ana|sam|joao|marie] [--url http://localhost:8080]");
          return 2;
        }
      }
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    out.println("Chatting as " + as + " with " + url + ". Type a message; Ctrl-D to leave.");
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      long seq = latestSeq(http, url, as);
      String line;
      out.print("you> ");
      out.flush();
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          post(http, url, as, line);
          seq = printReplies(http, url, as, seq, out);
        }
        out.print("you> ");
        out.flush();
      }
      out.println();
      return 0;
    } catch (IOException e) {
      out.println("voz chat: cannot reach " + url + " (" + e.getClass().getSimpleName() + "). Is the service running in dev?");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new Config.ConfigException("missing value after " + args[i - 1]);
    }
    return args[i];
  }

  private static void post(HttpClient http, String url, String as, String text) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/simulator/api/messages"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("as", as).put("text", text).encode()))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException("the simulator answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static long latestSeq(HttpClient http, String url, String as) throws IOException, InterruptedException {
    long seq = 0;
    for (Object o : messages(http, url, as, 0)) {
      seq = Math.max(seq, ((JsonObject) o).getLong("seq"));
    }
    return seq;
  }

  private static long printReplies(HttpClient http, String url, String as, long seq, PrintStream out)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    boolean got = false;
    while (System.nanoTime() < deadline) {
      for (Object o : messages(http, url, as, seq)) {
        JsonObject m = (JsonObject) o;
        seq = m.getLong("seq");
        out.println("voz> " + m.getString("text").replace("\n", "\n     "));
        got = true;
      }
      if (got) {
        Thread.sleep(300);
        for (Object o : messages(http, url, as, seq)) {
          JsonObject m = (JsonObject) o;
          seq = m.getLong("seq");
          out.println("voz> " + m.getString("text").replace("\n", "\n     "));
        }
        return seq;
      }
      Thread.sleep(100);
    }
    out.println("(no reply)");
    return seq;
  }

  private static JsonArray messages(HttpClient http, String url, String as, long after) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/simulator/api/messages?as="
        + URLEncoder.encode(as, StandardCharsets.UTF_8) + "&after=" + after)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("the simulator answered " + response.statusCode());
    }
    return new JsonObject(response.body()).getJsonArray("messages");
  }
}
