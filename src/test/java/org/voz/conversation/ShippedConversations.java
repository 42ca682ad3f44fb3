package org.voz.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The shipped conversations, copied into a test's folder to be broken one edit at a time, and what the validator says. */
final class ShippedConversations {

  private ShippedConversations() {}

  /** Copies every {@code conversations/*.yaml} into {@code dir}; yields the text of {@code file} there. */
  static String copyInto(Path dir, String file) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("conversations"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return Files.readString(dir.resolve(file));
  }

  static void hasError(ValidationReport report, String message) {
    assertThat(report.errors()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains(message));
  }
}
