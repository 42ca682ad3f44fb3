package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.voz.testing.ConsentJson;
import org.voz.testing.EnrolmentJson;

/**
 * A minor's representative on the survivor's page in the system Chromium, by keyboard only (as {@link CaseworkBrowserTest}
 * drives the casework pages): recorded with the form, then their answer to the minor's grant recorded with its button.
 */
@VozTest
@VozConfig("console.passwordIterations=1000")
@DisplayName("Console in Chromium: a minor's representative recorded, then their yes recorded, by keyboard")
class MinorsBrowserTest {

  private VozHarness voz;
  private com.github.tomakehurst.wiremock.WireMockServer stub;
  private WebDriver driver;
  private Path profile;
  private String base;

  @BeforeEach
  void start(VozHarness voz, com.github.tomakehurst.wiremock.WireMockServer stub) throws Exception {
    if (!new File(ConsoleBrowserTest.CHROMIUM).canExecute() || !new File(ConsoleBrowserTest.CHROMEDRIVER).canExecute()) {
      String how = "Chromium not found (" + ConsoleBrowserTest.CHROMIUM + ", " + ConsoleBrowserTest.CHROMEDRIVER
          + "): install it with `apt-get install -y chromium chromium-driver`, or run with -Dvoz.skipBrowser=true";
      if (Boolean.getBoolean("voz.skipBrowser")) {
        System.err.println("SKIPPED BROWSER TESTS: " + how);
        Assumptions.abort("SKIPPED BROWSER TESTS: " + how);
      }
      throw new AssertionError(how);
    }
    this.voz = voz;
    this.stub = stub;
    base = "http://localhost:" + voz.voz.port();
    profile = Files.createTempDirectory("voz-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(ConsoleBrowserTest.CHROMIUM).addArguments("--headless",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=es",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(ConsoleBrowserTest.CHROMEDRIVER)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  @AfterEach
  void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** The element that has the keyboard's focus now. */
  private WebElement focused() {
    return driver.switchTo().activeElement();
  }

  /** Tabs from where the focus is until it reaches {@code target} (a keyboard user's way there). */
  private void tabTo(WebElement target) {
    for (int i = 0; i < 200 && !focused().equals(target); i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
    }
    assertThat(focused()).as("reached by the Tab key").isEqualTo(target);
  }

  @Test
  @DisplayName("name and relation typed, saved with Enter; the representative's yes pressed with Enter: granted, with the receipt")
  void byKeyboard() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, "cm-ana", "case_manager", "es", "Ana Pérez");
    String phone = "+50255586001";
    String born = LocalDate.now(ZoneOffset.UTC).minusYears(15).toString();
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(ana.token)
        .sendJsonObject(EnrolmentJson.standard("cm-ana", "es", "sms", phone).caseRef("GT-2026-8601")
            .consent(ConsentJson.medical("c2", "pending")).dateOfBirth(born).duressPin("7365").json()));
    assertThat(enrolled.statusCode()).as(enrolled.bodyAsString()).isEqualTo(201);
    String survivor = enrolled.bodyAsJsonObject().getString("id");
    Stubs.converse(voz, stub, phone, "hola", "4821", "si");

    driver.manage().deleteAllCookies();
    driver.get(base + "/console/sign-in");
    driver.manage().addCookie(new Cookie.Builder("voz_console", ana.sessionCookie()).path("/console").isHttpOnly(true)
        .sameSite("Strict").build());
    driver.get(base + "/console/survivors/" + survivor);
    assertThat(driver.findElement(By.cssSelector("[data-consent-id=c2] [data-status]")).getText())
        .isEqualTo("Dado por una persona menor, espera a su representante");
    assertThat(driver.findElement(By.cssSelector("[data-representative=none]")).getText())
        .contains("Esta persona es menor de edad");

    tabTo(driver.findElement(By.id("repName")));
    new Actions(driver).sendKeys("María López").sendKeys(Keys.TAB).perform();
    assertThat(focused().getAttribute("id")).isEqualTo("repRelation");
    new Actions(driver).sendKeys("madre").sendKeys(Keys.ENTER).perform();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().endsWith("?done=representative"));
    assertThat(driver.findElement(By.cssSelector("[data-representative-name]")).getText()).isEqualTo("María López");

    WebElement yes = driver.findElement(By.cssSelector("form[data-representative-answer=c2] button[value=confirmed]"));
    tabTo(yes);
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("done=representative.confirmed"));
    String receipt = driver.findElement(By.cssSelector("[data-receipt]")).getText();
    assertThat(receipt).matches("[23456789A-HJ-NP-Z]{6}");
    assertThat(driver.findElement(By.cssSelector("[data-notice]")).getText()).contains("Se registró el sí de su representante");
    assertThat(driver.findElement(By.cssSelector("[data-consent-id=c2] [data-status]")).getText()).isEqualTo("Dado");
    assertThat(driver.findElement(By.cssSelector("[data-ledger]")).getText()).contains("registrado por cm-ana",
        "según la respuesta de su representante", receipt);
  }
}
