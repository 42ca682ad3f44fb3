package org.voz.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Drives signed Twilio webhooks and Telegram updates for many survivors. Everything here runs on ONE Vert.x
 * context (the driver's), so no locks: the HTTP client's connections are spread over the event loops, but
 * callbacks come back to this context; the stub hands each reply over with {@code runOnContext}.
 *
 * <p>Open loop: message k of a phase is <em>intended</em> at {@code t0 + k/rate}, whatever happened to the
 * earlier ones; it is sent as soon as that time has come and a survivor is free (each survivor waits for
 * the answer to its previous message, as a person would). Latencies are measured from the intended time,
 * so a stalled service is charged for every message it delayed (no coordinated omission).
 */
final class Driver {

  static final String PATH = "/webhooks/twilio/messages";

  /** A survivor's conversation: what it sends, and the start of the reply each send must produce. */
  static final class Script {
    /** Sent as {@code /start <the survivor's link code>}: opening the enrolment link in Telegram. */
    static final String START = "/start <code>";

    final String[] sends;
    final String[] expects;
    /** What a Telegram survivor runs instead (itself when the conversation is the same on both channels). */
    final Script telegram;

    Script(String[] sends, String[] expects) {
      this(sends, expects, null);
    }

    Script(String[] sends, String[] expects, Script telegram) {
      this.sends = sends;
      this.expects = expects;
      this.telegram = telegram == null ? this : telegram;
    }
  }

  /** Channels, as indexes of the per-channel figures. */
  static final int SMS = 0;
  static final int TELEGRAM = 1;

  static final class Survivor {
    final int index;
    final String phone;
    /** The Telegram chat id of a survivor on Telegram; null for SMS. */
    final String chat;
    String id;
    /** The one-time code of the enrolment's telegramLink. */
    String linkCode;
    Script script;
    int pos;
    boolean cyclic;
    boolean busy;
    boolean finished;
    long intended;
    long sentAt;
    boolean webhookDone;
    boolean replied;
    boolean record;

    Survivor(int index, String phone, String chat) {
      this.index = index;
      this.phone = phone;
      this.chat = chat;
    }

    /** Where its replies go: the chat id on Telegram, else the phone number. */
    String address() {
      return chat != null ? chat : phone;
    }

    int channel() {
      return chat != null ? TELEGRAM : SMS;
    }

    /** Its contact in the enrolment request. */
    String contactJson() {
      return chat != null ? "{\"channel\":\"telegram\",\"address\":\"" + chat + "\"}"
          : "{\"channel\":\"sms\",\"address\":\"" + phone + "\"}";
    }

    private String text() {
      String text = script.sends[pos];
      return text.equals(Script.START) ? "/start " + linkCode : text;
    }
  }

  /** What one phase measured (only messages intended inside the recording window count). */
  static final class Result {
    final LogHistogram webhook = new LogHistogram();
    final LogHistogram reply = new LogHistogram();
    /** The same by channel ({@link #SMS}, {@link #TELEGRAM}); their counts are the messages answered / replied. */
    final LogHistogram[] webhookBy = {new LogHistogram(), new LogHistogram()};
    final LogHistogram[] replyBy = {new LogHistogram(), new LogHistogram()};
    long sent;
    long recordedSent;
    long answered2xx;          // webhooks answered 2xx whose intended time is in the window
    long completedInWindow;    // webhooks answered 2xx (any intended time) whose answer came inside the window
    long non2xx;
    long failures;             // connection errors, timeouts
    long replyTimeouts;
    long unmatchedReplies;
    long maxBacklog;           // messages due but waiting for a free survivor
    long backlogAtEnd;         // due in the phase but never sent (the service was that far behind)
    long windowStart;
    long windowEnd;
    final Map<String, Long> errorKinds = new TreeMap<>();
    /** The first unmatched replies, for finding why (survivor state, what was expected, the text's start). */
    final List<String> unmatched = new ArrayList<>();
    /** Per second of the phase (by answer time): webhooks answered, and the worst latency from the intended time (µs). */
    final long[] perSecondCount = new long[4000];
    final long[] perSecondMaxMicros = new long[4000];
    long t0;

    void second(long at, long latencyNanos) {
      int sec = (int) ((at - t0) / 1_000_000_000L);
      if (sec >= 0 && sec < perSecondCount.length) {
        perSecondCount[sec]++;
        perSecondMaxMicros[sec] = Math.max(perSecondMaxMicros[sec], latencyNanos / 1000);
      }
    }

    /** second, answered, max latency ms: one line per second, for finding stalls. */
    String timeline() {
      StringBuilder b = new StringBuilder("second,answered_2xx,max_latency_ms\n");
      int last = 0;
      for (int i = 0; i < perSecondCount.length; i++) {
        if (perSecondCount[i] > 0) {
          last = i;
        }
      }
      for (int i = 0; i <= last; i++) {
        b.append(i).append(',').append(perSecondCount[i]).append(',').append(perSecondMaxMicros[i] / 1000.0).append('\n');
      }
      return b.toString();
    }

    void error(String kind) {
      errorKinds.merge(kind, 1L, Long::sum);
    }
  }

  private final Vertx vertx;
  private final Context ctx;
  private final HttpClient client;
  private final String publicUrl;
  private final String from;
  private final String account;
  private final Mac mac;
  private final String nonce = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  private long sidCounter;

  private final Telegram.Updates updates = new Telegram.Updates();
  private final Map<String, Survivor> byAddress = new HashMap<>();
  private final ArrayDeque<Survivor> idle = new ArrayDeque<>();
  private final LinkedHashSet<Survivor> busy = new LinkedHashSet<>();

  // the running phase
  private Result result;
  private int port;
  private boolean openLoop;
  private double rate;
  private int concurrency;
  private long t0;
  private long dueSent;
  private long stopSendingAt;
  private long recordFrom;
  private long recordTo;
  private long replyTimeoutNanos = 15_000_000_000L;
  private boolean expectReplies;
  private Promise<Result> done;
  private long tickTimer = -1;
  private long sweepTimer = -1;
  private int remainingScripts;

  Driver(Vertx vertx, Context ctx, int connections, String publicUrl, String authToken, String account, String from) {
    this.vertx = vertx;
    this.ctx = ctx;
    this.client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setPipelining(false).setTcpNoDelay(true)
            .setConnectTimeout(5000).setIdleTimeout(0),
        new PoolOptions().setHttp1MaxSize(connections).setEventLoopSize(2).setMaxWaitQueueSize(-1));
    this.publicUrl = publicUrl;
    this.account = account;
    this.from = from;
    try {
      this.mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Context context() {
    return ctx;
  }

  void add(Survivor s) {
    byAddress.put(s.address(), s);
  }

  /**
   * Runs a phase on {@code survivors}: open loop at {@code rate} msg/s (rate > 0) or closed loop with
   * {@code concurrency} messages in flight (rate == 0). Sends until {@code sendForNanos} has passed (or, for
   * non-cyclic scripts, every script is done), then waits up to 15 s for the stragglers. Records messages
   * intended in [start + recordAfterNanos, start + sendForNanos).
   */
  Future<Result> phase(int port, List<Survivor> survivors, Script[] scripts, boolean cyclic, double rate, int concurrency,
      long sendForNanos, long recordAfterNanos, boolean expectReplies) {
    Promise<Result> promise = Promise.promise();
    ctx.runOnContext(v -> {
      this.port = port;
      this.result = new Result();
      this.openLoop = rate > 0;
      this.rate = rate;
      this.concurrency = concurrency;
      this.expectReplies = expectReplies;
      this.done = promise;
      idle.clear();
      busy.clear();
      remainingScripts = cyclic ? Integer.MAX_VALUE : survivors.size();
      for (Survivor s : survivors) {
        Script script = scripts[s.index % scripts.length];
        script = s.chat != null ? script.telegram : script;
        if (s.script != script || !cyclic) {
          // a new script: a cycle starts anywhere (spreads the kinds of message), a one-off at its start;
          // the same cycle again goes on where the survivor is (the service kept the conversation there)
          s.pos = cyclic ? ThreadLocalRandom.current().nextInt(script.sends.length) : 0;
        }
        s.script = script;
        s.cyclic = cyclic;
        s.finished = false;
        s.busy = false;
        idle.add(s);
      }
      t0 = System.nanoTime();
      result.t0 = t0;
      dueSent = 0;
      stopSendingAt = t0 + sendForNanos;
      recordFrom = t0 + recordAfterNanos;
      recordTo = stopSendingAt;
      result.windowStart = recordFrom;
      result.windowEnd = recordTo;
      tickTimer = vertx.setPeriodic(1, id -> tick());
      sweepTimer = vertx.setPeriodic(250, id -> sweep());
    });
    return promise.future();
  }

  private void tick() {
    long now = System.nanoTime();
    if (now >= stopSendingAt || remainingScripts == 0) {
      if (openLoop) {
        result.backlogAtEnd = Math.max(0, (long) ((stopSendingAt - t0) * rate / 1e9) - dueSent);
      }
      vertx.cancelTimer(tickTimer);
      tickTimer = -1;
      maybeFinish();
      return;
    }
    if (openLoop) {
      long due = (long) ((now - t0) * rate / 1e9);
      while (dueSent < due) {
        Survivor s = idle.poll();
        if (s == null) {
          break;
        }
        long intended = t0 + (long) (dueSent * 1e9 / rate);
        dueSent++;
        send(s, intended, now);
      }
      result.maxBacklog = Math.max(result.maxBacklog, due - dueSent);
    } else {
      while (busy.size() < concurrency) {
        Survivor s = idle.poll();
        if (s == null) {
          break;
        }
        send(s, now, now);
      }
    }
  }

  private void send(Survivor s, long intended, long now) {
    s.busy = true;
    s.intended = intended;
    s.sentAt = now;
    s.webhookDone = false;
    s.replied = !expectReplies;
    s.record = intended >= recordFrom && intended < recordTo;
    busy.add(s);
    result.sent++;
    if (s.record) {
      result.recordedSent++;
    }
    final Survivor survivor = s;
    final long sentIntended = intended;
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setIdleTimeout(15_000);
    Buffer body;
    if (s.chat != null) {
      body = updates.message(s.chat, s.text());
      request.setURI(Telegram.PATH).putHeader("Content-Type", "application/json")
          .putHeader("X-Telegram-Bot-Api-Secret-Token", Telegram.SECRET);
    } else {
      body = signedForm(s.phone, s.text());
      request.setURI(PATH).putHeader("Content-Type", "application/x-www-form-urlencoded")
          .putHeader("X-Twilio-Signature", lastSignature);
    }
    client.request(request)
        .compose(req -> req.send(body).compose(resp -> resp.body().map(b -> resp.statusCode())))
        .onComplete(ar -> {
          long at = System.nanoTime();
          if (survivor.intended != sentIntended || !survivor.busy) {
            return; // already timed out
          }
          if (ar.succeeded() && ar.result() / 100 == 2) {
            if (at >= recordFrom && at < recordTo) {
              result.completedInWindow++;
            }
            result.second(at, at - sentIntended);
            if (survivor.record) {
              result.webhook.recordNanos(at - sentIntended);
              result.webhookBy[survivor.channel()].recordNanos(at - sentIntended);
              result.answered2xx++;
            }
            survivor.webhookDone = true;
            completeIfDone(survivor);
          } else {
            if (ar.succeeded()) {
              result.non2xx++;
              result.error("webhook " + ar.result());
            } else {
              result.failures++;
              result.error("webhook " + ar.cause().getClass().getSimpleName());
            }
            release(survivor, true);
          }
        });
  }

  /**
   * Called on the driver context by the stub: a reply to {@code to} (a phone number, or a Telegram chat id)
   * reached it at {@code arrival}.
   */
  void onReply(String to, String text, long arrival) {
    Survivor s = to == null ? null : byAddress.get(to);
    if (s == null || !s.busy || s.replied || text == null || !text.startsWith(s.script.expects[s.pos])) {
      if (result != null) {
        result.unmatchedReplies++;
        if (result.unmatched.size() < 20) {
          result.unmatched.add(s == null ? "unknown To " + to : String.format("survivor %d (%s) busy=%b replied=%b sent '%s' expects '%s' got '%s'",
              s.index, s.chat != null ? "telegram" : "sms", s.busy, s.replied, s.script == null ? "" : s.script.sends[s.pos],
              s.script == null ? "" : s.script.expects[s.pos], text == null ? "" : text.substring(0, Math.min(60, text.length()))));
        }
      }
      return;
    }
    s.replied = true;
    if (s.record) {
      result.reply.recordNanos(arrival - s.intended);
      result.replyBy[s.channel()].recordNanos(arrival - s.intended);
    }
    completeIfDone(s);
  }

  private void completeIfDone(Survivor s) {
    if (s.webhookDone && s.replied) {
      s.pos++;
      if (s.pos == s.script.sends.length) {
        if (s.cyclic) {
          s.pos = 0;
        } else {
          s.finished = true;
          remainingScripts--;
        }
      }
      release(s, false);
    }
  }

  private void release(Survivor s, boolean failed) {
    s.busy = false;
    busy.remove(s);
    if (failed && s.cyclic) {
      s.pos = resyncPosition(s.script);
    }
    if (!s.finished && !(failed && !s.cyclic)) {
      idle.add(s);
    } else if (failed && !s.cyclic) {
      s.finished = true;
      remainingScripts--;
    }
    if (tickTimer < 0) {
      maybeFinish();
    } else if (!openLoop) {
      tick();
    }
  }

  /** After a lost message, send the step that brings any session back to a known state (MENU). */
  private static int resyncPosition(Script script) {
    for (int i = 0; i < script.sends.length; i++) {
      if (script.sends[i].equalsIgnoreCase("MENU")) {
        return i;
      }
    }
    return 0;
  }

  private void sweep() {
    long now = System.nanoTime();
    List<Survivor> late = new ArrayList<>();
    for (Survivor s : busy) {
      if (now - s.sentAt > replyTimeoutNanos) {
        late.add(s);
      }
    }
    for (Survivor s : late) {
      if (!s.webhookDone) {
        result.failures++;
        result.error("webhook no answer in 15 s");
      } else {
        result.replyTimeouts++;
        result.error("reply not at stub in 15 s");
      }
      release(s, true);
    }
    maybeFinish();
  }

  private void maybeFinish() {
    if (tickTimer < 0 && busy.isEmpty() && done != null) {
      vertx.cancelTimer(sweepTimer);
      Promise<Result> p = done;
      done = null;
      p.complete(result);
    }
  }

  private String lastSignature;

  /** The form body Twilio would POST, and (in lastSignature) its X-Twilio-Signature. */
  private Buffer signedForm(String phone, String text) {
    String sid = "SM" + nonce + String.format("%016x", ++sidCounter);
    TreeMap<String, String> p = new TreeMap<>();
    p.put("AccountSid", account);
    p.put("ApiVersion", "2010-04-01");
    p.put("Body", text);
    p.put("From", phone);
    p.put("MessageSid", sid);
    p.put("NumMedia", "0");
    p.put("NumSegments", "1");
    p.put("SmsMessageSid", sid);
    p.put("SmsSid", sid);
    p.put("SmsStatus", "received");
    p.put("To", from);
    p.put("ToCountry", "US");
    StringBuilder data = new StringBuilder(publicUrl).append(PATH);
    StringBuilder form = new StringBuilder(256);
    for (Map.Entry<String, String> e : p.entrySet()) {
      data.append(e.getKey()).append(e.getValue());
      if (form.length() > 0) {
        form.append('&');
      }
      form.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    lastSignature = Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    return Buffer.buffer(form.toString());
  }
}
