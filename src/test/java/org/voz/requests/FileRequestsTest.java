package org.voz.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("File requests: statuses, ids, due-date alerts")
class FileRequestsTest {

  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  static FileRequest request(String status) {
    return new FileRequest("s1.R-AB2CDE", "copy", "", "", "link", status, "", "R-AB2CDE", T0, T0.plus(Duration.ofDays(30)),
        T0, null, false, false);
  }

  @Test
  @DisplayName("a case manager moves a request forward; closed is final; nothing goes back to open")
  void transitions() {
    assertThat(FileRequests.allowed("open", "in_progress")).isTrue();
    assertThat(FileRequests.allowed("in_progress", "refused")).isTrue();
    assertThat(FileRequests.allowed("ready", "delivered")).isTrue();
    assertThat(FileRequests.allowed("delivered", "closed")).isTrue();
    assertThat(FileRequests.allowed("closed", "open")).isFalse();
    assertThat(FileRequests.allowed("refused", "ready")).isFalse();
    assertThat(FileRequests.allowed("in_progress", "open")).isFalse();
    assertThat(FileRequests.allowed("open", "open")).isFalse();
  }

  @Test
  @DisplayName("a request id names its survivor")
  void ids() {
    assertThat(FileRequests.survivorOf(FileRequests.id("abc.def", "R-AB2CDE"))).contains("abc.def");
    assertThat(FileRequests.survivorOf("nodot")).isEmpty();
    assertThat(FileRequests.survivorOf(".R-X")).isEmpty();
  }

  @Test
  @DisplayName("due soon 7 days before, then overdue at the due date, each once; none once answered")
  void alerts() {
    FileRequest r = request("open");
    assertThat(FileRequests.nextAlertAt(r)).contains(r.dueAt().minus(Duration.ofDays(7)));
    assertThat(FileRequests.nextAlertAt(r.withAlerts(true, false))).contains(r.dueAt());
    assertThat(FileRequests.nextAlertAt(r.withAlerts(true, true))).isEmpty();
    assertThat(FileRequests.nextAlertAt(request("ready"))).isEmpty();
  }

  @Test
  @DisplayName("a request validates its codes")
  void validates() {
    assertThatThrownBy(() -> new FileRequest("s1.R", "passport", "", "", "link", "open", "", "R", T0, T0, T0, null,
        false, false)).isInstanceOf(IllegalArgumentException.class);
  }
}
