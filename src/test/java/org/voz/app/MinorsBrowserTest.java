package org.voz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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
  private Chromium browser;
  private String base;

  @BeforeEach
  void start(VozHarness voz, com.github.tomakehurst.wiremock.WireMockServer stub) throws Exception {
    this.voz = voz;
    this.stub = stub;
    base = "http://localhost:" + voz.voz.port();
    browser = Chromium.open();
    driver = browser.driver();
  }

  @AfterEach
  void stop() throws IOException {
    if (browser != null) {
      browser.close();
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
