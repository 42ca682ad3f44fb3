package org.voz;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layers, each calling only down (docs/ARCHITECTURE.md): the pure domain and conversations; the store and
 * the outbox; the use cases; the adapters (channels, the HTTP edge, the staff API and pages); the composition
 * root and the command line on top. No exception: an import that runs back up fails the build.
 */
@DisplayName("Layers: every import runs down")
class LayersTest {

  private static final JavaClasses VOZ = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.voz");

  @Test
  @DisplayName("domain <- store and outbox <- use cases <- adapters <- app")
  void layers() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Domain").definedBy("org.voz.conversation..", "org.voz.consent..", "org.voz.safety..",
            "org.voz.feedback..", "org.voz.requests..", "org.voz.staff..", "org.voz.contact..", "org.voz.crypto..")
        .layer("Store").definedBy("org.voz.store..", "org.voz.dispatch..")
        .layer("Service").definedBy("org.voz.service..")
        .layer("Adapters").definedBy("org.voz.channel..", "org.voz.web..")
        .layer("Logging").definedBy("org.voz.logging..")
        .layer("App").definedBy("org.voz.app..")
        .whereLayer("App").mayNotBeAccessedByAnyLayer()
        .whereLayer("Logging").mayNotBeAccessedByAnyLayer()
        .whereLayer("Adapters").mayOnlyBeAccessedByLayers("App")
        .whereLayer("Service").mayOnlyBeAccessedByLayers("Adapters", "App")
        .whereLayer("Store").mayOnlyBeAccessedByLayers("Service", "Adapters", "App")
        .whereLayer("Domain").mayOnlyBeAccessedByLayers("Store", "Service", "Adapters", "App")
        .check(VOZ);
  }
}
