package org.voz;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pure core: the engine and the domain are plain Java, a function of their inputs. They depend on no
 * I/O framework, SDK, network or shell package (the conversation loader alone reads files), read no clock and draw no random numbers (time and ids come in as
 * arguments), so that every rule they hold is tested without a server.
 */
@DisplayName("Pure packages")
class PurePackagesTest {

  private static final JavaClasses VOZ = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.voz");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"org.voz.conversation", "org.voz.consent", "org.voz.safety", "org.voz.feedback", "org.voz.requests", "org.voz.staff", "org.voz.contact"})
  @DisplayName("depend on no I/O, SDK or shell package")
  void noIo(String pkg) {
    noClasses().that().resideInAPackage(pkg + "..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.lettuce..", "com.twilio..", "org.telegram..",
            "org.voz.store..", "org.voz.app..", "org.voz.service..", "org.voz.web..", "org.voz.channel..", "org.voz.dispatch..", "java.net..")
        .check(VOZ);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"org.voz.conversation", "org.voz.consent", "org.voz.safety", "org.voz.feedback", "org.voz.requests", "org.voz.staff", "org.voz.contact"})
  @DisplayName("read no clock and draw no random numbers")
  void noClockNoRandom(String pkg) {
    noClasses().that().resideInAPackage(pkg + "..")
        .should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .check(VOZ);
  }
}
