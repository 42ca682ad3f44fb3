package org.voz.requests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The requests package")
class RequestsArchitectureTest {

  private static final JavaClasses REQUESTS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.voz.requests");

  @Test
  @DisplayName("is pure: no Vert.x, Lettuce or SDK, no clock, no randomness")
  void pure() {
    noClasses().that().resideInAPackage("org.voz.requests..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.lettuce..", "com.twilio..", "org.telegram..")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .check(REQUESTS);
  }
}
