package org.voz.feedback;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The feedback package")
class FeedbackArchitectureTest {

  private static final JavaClasses FEEDBACK = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.voz.feedback");

  @Test
  @DisplayName("depends on no Vert.x, Lettuce, Twilio, Telegram or store class")
  void pure() {
    noClasses().that().resideInAPackage("org.voz.feedback..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.lettuce..", "com.twilio..", "org.telegram..",
            "org.voz.store..", "org.voz.app..", "org.voz.staff..", "java.io..", "java.nio..", "java.net..")
        .check(FEEDBACK);
  }

  @Test
  @DisplayName("reads no clock and draws no random numbers")
  void noClockNoRandom() {
    noClasses().that().resideInAPackage("org.voz.feedback..")
        .should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .check(FEEDBACK);
  }
}
