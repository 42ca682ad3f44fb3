package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@VozTest
@DisplayName("Connections: a slow sender's headers time out, a connection past the cap is closed, a quiet one idles out")
class ConnectionLimitsTest {

  @Test
  @VozConfig("http.headerTimeout=PT0.5S")
  @DisplayName("a request whose headers never finish is dropped http.headerTimeout after its first byte; a complete one is answered")
  void headerTimeout(VozHarness voz) throws Exception {
    try (Socket slow = new Socket("localhost", voz.voz.port())) {
      slow.setSoTimeout(5000);
      slow.getOutputStream().write("POST /webhooks/twilio/messages HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
          .getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();

      assertThat(slow.getInputStream().read()).as("the server closes the connection").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

    }
    try (Socket fine = new Socket("localhost", voz.voz.port())) {
      fine.setSoTimeout(5000);
      fine.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(fine.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
    }
  }

  @Test
  @VozConfig("http.headerTimeout=PT0.5S")
  @DisplayName("a kept-alive connection answered once gets the same header timeout for its next request")
  void headerTimeoutBetweenRequests(VozHarness voz) throws Exception {
    try (Socket socket = new Socket("localhost", voz.voz.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      in.readNBytes(in.available()); // the rest of the answer
      out.write("GET /health/live HTTP/1.1\r\nHost: local".getBytes(StandardCharsets.US_ASCII)); // never finished

      Awaitility.await().atMost(Duration.ofSeconds(4)).until(() -> read(in) == -1);
    }
  }

  @Test
  @VozConfig("http.headerTimeout=PT0.3S")
  @DisplayName("a kept-alive connection quiet for longer than the header timeout between requests stays open (a proxy reuses it)")
  void quietKeptAliveConnection(VozHarness voz) throws Exception {
    try (Socket socket = new Socket("localhost", voz.voz.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      byte[] request = "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      out.write(request);
      assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
      in.readNBytes(in.available()); // the rest of the first answer

      out.write(request);
      assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
    }
  }

  @Test
  @VozConfig("http.maxConnections=2")
  @DisplayName("past http.maxConnections open connections a new one is closed at once; once one closes, there is room")
  void connectionCap(VozHarness voz) throws Exception {
    try (Socket first = new Socket("localhost", voz.voz.port()); Socket second = new Socket("localhost", voz.voz.port())) {
      Awaitility.await().atMost(Duration.ofSeconds(4)).until(() -> {
        try (Socket third = new Socket("localhost", voz.voz.port())) {
          third.setSoTimeout(2000);
          return read(third.getInputStream()) == -1;
        }
      });
    }
    Awaitility.await().atMost(Duration.ofSeconds(4)).until(() -> {
      try (Socket again = new Socket("localhost", voz.voz.port())) {
        again.setSoTimeout(2000);
        again.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        return new String(again.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
      }
    });
  }

  private static int read(InputStream in) {
    try {
      return in.read();
    } catch (java.io.IOException e) {
      return -1; // reset: closed too
    }
  }
}
