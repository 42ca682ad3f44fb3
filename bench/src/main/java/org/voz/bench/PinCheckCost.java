package org.voz.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.voz.crypto.Keyring;
import org.voz.crypto.PinHasher;

/**
 * What one PIN check costs: {@link PinHasher#matches} (the pepper, then PBKDF2-HMAC-SHA256 at the service's
 * iterations), the call the inbound path and the document page make on a worker thread for every PIN attempt (two
 * for a wrong PIN of a survivor with a duress PIN). Measured on one thread (its wall time is its CPU time), then on
 * every core at once. A plain {@code System.nanoTime} loop, run by the bench (a row of its table) or by hand:
 * <pre>
 * mvn -q -DskipTests package &amp;&amp; mkdir -p target/cost &amp;&amp; javac -nowarn -d target/cost -cp target/voz.jar \
 *   bench/src/main/java/org/voz/bench/PinCheckCost.java &amp;&amp; java -cp target/voz.jar:target/cost org.voz.bench.PinCheckCost 600000
 * </pre>
 */
public final class PinCheckCost {

  private PinCheckCost() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 600_000;
    System.out.println(measure(iterations, 9));
  }

  /** The table's row: median and fastest ms per check on one thread, and checks per second on every core. */
  static String measure(int iterations, int checks) throws Exception {
    PinHasher pins = new PinHasher(new Keyring(Keyring.newKey()), iterations);
    String stored = pins.hash("4821");
    pins.matches("0000", stored); // warm-up: JIT
    double[] ms = new double[checks];
    for (int i = 0; i < checks; i++) {
      long start = System.nanoTime();
      if (pins.matches("1234", stored)) {
        throw new IllegalStateException("a wrong PIN matched");
      }
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    int cores = Runtime.getRuntime().availableProcessors();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < cores; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 3; i++) {
          pins.matches("1234", stored);
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double perSecond = cores * 3 / ((System.nanoTime() - start) / 1e9);
    return String.format(Locale.ROOT, "%.0f ms median, %.0f ms fastest per check on 1 thread (PBKDF2-HMAC-SHA256, %,d "
        + "iterations, on a worker thread, never the event loop); %.1f checks/s on %d threads at once", ms[checks / 2],
        ms[0], iterations, perSecond, cores);
  }
}
