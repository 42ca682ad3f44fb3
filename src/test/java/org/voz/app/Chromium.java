package org.voz.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for the console's browser tests, in Spanish, 1280 × 900, with a profile of its own that
 * {@link #close()} deletes. Without Chromium a test fails saying how to install it, unless {@code
 * -Dvoz.skipBrowser=true} (then it is skipped, loudly). {@code -Dvoz.chromium} and {@code -Dvoz.chromedriver} name
 * other binaries.
 */
final class Chromium implements AutoCloseable {

  static final String CHROMIUM = System.getProperty("voz.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("voz.chromedriver", "/usr/bin/chromedriver");

  private final WebDriver driver;
  private final Path profile;

  private Chromium(WebDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static Chromium open() throws IOException {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      String how = "Chromium not found (" + CHROMIUM + ", " + CHROMEDRIVER + "): install it with "
          + "`apt-get install -y chromium chromium-driver`, or run with -Dvoz.skipBrowser=true to skip the browser tests";
      if (Boolean.getBoolean("voz.skipBrowser")) {
        System.err.println("SKIPPED BROWSER TESTS: " + how);
        Assumptions.abort("SKIPPED BROWSER TESTS: " + how);
      }
      throw new AssertionError(how);
    }
    Path profile = Files.createTempDirectory("voz-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--lang=es", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
    return new Chromium(driver, profile);
  }

  WebDriver driver() {
    return driver;
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
