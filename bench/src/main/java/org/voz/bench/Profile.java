package org.voz.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the service's JFR recording: the hottest methods by self samples (top frame of
 * jdk.ExecutionSample), by inclusive samples for org.voz methods, and by package of the top frame.
 */
final class Profile {

  private Profile() {}

  static String summarise(Path jfr, int top) throws Exception {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> selfPackage = new HashMap<>();
    Map<String, Integer> vozInclusive = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> libraries = new HashMap<>();
    int total = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      total++;
      String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
      threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
      RecordedFrame f0 = frames.get(0);
      String topName = name(f0);
      self.merge(topName, 1, Integer::sum);
      String type = f0.getMethod().getType().getName();
      int dot = type.lastIndexOf('.');
      selfPackage.merge(dot < 0 ? type : type.substring(0, dot), 1, Integer::sum);
      Set<String> libs = new HashSet<>();
      for (RecordedFrame f : frames) {
        libs.add(library(f.getMethod().getType().getName()));
      }
      libs.remove("java.lang");
      libs.remove("java.util");
      libs.remove("io.netty");
      libs.remove("io.vertx");
      libs.forEach(l -> libraries.merge(l, 1, Integer::sum));
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String n = name(f);
        if (n.startsWith("org.voz.") && seen.add(n)) {
          vozInclusive.merge(n, 1, Integer::sum);
        }
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("JFR profile of the service over the measured window: ").append(total).append(" execution samples\n");
    section(b, "hottest methods (self, top frame)", self, total, top);
    section(b, "hottest packages (self)", selfPackage, total, 10);
    section(b, "libraries and voz packages (inclusive: anywhere on the stack; java.lang/util, netty, vertx left out: under everything)", libraries, total, 22);
    section(b, "org.voz methods (inclusive: on the stack)", vozInclusive, total, top);
    section(b, "threads", threads, total, 8);
    return b.toString();
  }

  /** org.voz.<package>, or the first two segments of anything else (com.twilio, io.lettuce, javax.crypto …). */
  private static String library(String type) {
    String[] parts = type.split("\\.");
    if (type.startsWith("org.voz.") && parts.length > 3) {
      return parts[0] + "." + parts[1] + "." + parts[2];
    }
    if (type.startsWith("com.sun.crypto") || type.startsWith("javax.crypto") || type.startsWith("sun.security")) {
      return "JCE (javax.crypto, com.sun.crypto, sun.security)";
    }
    return parts.length > 2 ? parts[0] + "." + parts[1] : type;
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void section(StringBuilder b, String title, Map<String, Integer> counts, int total, int top) {
    b.append("  ").append(title).append(":\n");
    counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top)
        .forEach(e -> b.append(String.format("    %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey())));
  }
}
