package org.voz.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The staff console in a real browser: the system Chromium, headless, driven by Selenium through the system
 * chromedriver. Without Chromium the test fails saying how to install it, unless {@code -Dvoz.skipBrowser=true}
 * (then it is skipped, loudly). {@code -Dvoz.screenshots=docs/console} writes the README's screenshots there
 * (default: target/console-screenshots).
 */
@VozTest
@DisplayName("Staff console in Chromium: invite, TOTP, sign-in, a revocation live in the inbox, acknowledged by keyboard")
class ConsoleBrowserTest {

  private static final String PASSWORD = "una frase larga y segura";

  private VozHarness voz;
  private WebDriver driver;
  private Chromium browser;
  private String base;

  @BeforeEach
  void start(VozHarness voz) throws Exception {
    this.voz = voz;
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

  @Test
  @DisplayName("admin invites → set password, enrol TOTP → sign in → SMS revocation appears in the open inbox → Tab/Enter acknowledges")
  void caseManagersDay() throws Exception {
    // the admin creates the member through the API; the survivor is enrolled under them
    JsonObject created = await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", "cm-ana").put("role", "case_manager").put("name", "Ana Pérez")
            .put("language", "es"))).bodyAsJsonObject();
    String phone = "+50255558801";
    enrolUnder("cm-ana", phone);

    // unauthenticated: the console sends the browser to the sign-in page
    driver.get(base + "/console");
    assertThat(driver.getCurrentUrl()).isEqualTo(base + "/console/sign-in");

    // the invitation: the secret beside its QR code, a password, a code computed here as an app would
    driver.get(base + ConsoleHttpTest.invitePath(created));
    axe("invite");
    WebElement secretElement = driver.findElement(By.cssSelector("[data-totp-secret]"));
    String secret = secretElement.getAttribute("data-totp-secret");
    assertThat(secretElement.getText()).isEqualTo(secret);
    assertThat(driver.findElements(By.cssSelector(".voz-qr svg[role=img]"))).hasSize(1);
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("confirmation")).sendKeys(PASSWORD);
    driver.findElement(By.id("code")).sendKeys(ConsoleHttpTest.code(secret, 0));
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
    waitFor("[data-recovery-codes]"); // the answer, once the password is hashed (slowly, as in production)
    assertThat(driver.findElements(By.cssSelector("[data-recovery-codes] li"))).hasSize(8);
    axe("enrolled");

    // sign in: staff id, password, TOTP
    driver.get(base + "/console/sign-in");
    assertThat(driver.findElement(By.id("username")).getAttribute("autocomplete")).isEqualTo("username");
    assertThat(driver.findElement(By.id("password")).getAttribute("autocomplete")).isEqualTo("current-password");
    assertThat(driver.findElement(By.id("code")).getAttribute("autocomplete")).isEqualTo("one-time-code");
    axe("sign-in");
    screenshots("sign-in");
    driver.findElement(By.id("username")).sendKeys("cm-ana");
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("code")).sendKeys(ConsoleHttpTest.code(secret, 0));
    driver.findElement(By.id("code")).sendKeys(Keys.ENTER);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().equals(base + "/console"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Alertas");
    assertThat(driver.findElement(By.cssSelector(".voz-account__who")).getText()).contains("Ana Pérez", "cm-ana");
    assertThat(driver.findElements(By.cssSelector("[data-inbox-empty]"))).hasSize(1);
    assertThat(driver.findElement(By.cssSelector("[data-inbox-intro]")).getText()).contains("de sus casos");

    // the inbox stays open; the survivor revokes consent c1 by SMS (signed Twilio webhooks): the alert appears in
    // the open page, without a reload (Server-Sent Events through Redis, the page's own script)
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(js("return document.querySelector("
        + "'[data-inbox]') !== null && window.EventSource !== undefined;")));
    js("window.vozNotReloaded = true;");
    for (String text : new String[] {"hola", "4821", "2", "1", "1"}) {
      assertThat(await(voz.sms(phone, text, VozHarness.newSid())).statusCode()).isEqualTo(200);
    }
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> !driver.findElements(By.cssSelector("[data-alert-id]")).isEmpty());
    assertThat(js("return window.vozNotReloaded === true;")).as("the page was not reloaded").isEqualTo(true);
    assertThat(driver.findElements(By.cssSelector("[data-inbox-empty]"))).isEmpty();
    WebElement card = driver.findElement(By.cssSelector("[data-alert-id]"));
    String alertId = card.getAttribute("data-alert-id");
    assertThat(card.getText()).contains("Consentimiento revocado", "GT-2026-0188",
        "case-notes, compartido con shelter-casa-esperanza para referral");
    // the case reference opens the survivor's page
    String casePage = card.findElement(By.cssSelector("a[data-case-link]")).getAttribute("href");
    assertThat(card.findElement(By.cssSelector("a[data-case-link]")).getText()).isEqualTo("GT-2026-0188");
    axe("inbox");
    assertThat(driver.findElement(By.cssSelector("[data-inbox-live]")).getAttribute("textContent"))
        .isEqualTo("Nueva alerta: Consentimiento revocado, caso GT-2026-0188");
    screenshots("inbox");

    // acknowledged with the keyboard only, in the same page: Tab to the note, type it, Tab to the button, Enter
    tabUntil("textarea[name=note]");
    new Actions(driver).sendKeys("Avisé al refugio por teléfono").perform();
    tabUntil("button[data-ack='" + alertId + "']");
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> driver.getCurrentUrl().equals(base + "/console?acknowledged=1"));
    assertThat(driver.findElements(By.cssSelector("[data-alert-id='" + alertId + "']"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector(".govuk-notification-banner")).getText())
        .contains("Alerta marcada como atendida");
    JsonArray stillOpen = await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(VozHarness.ADMIN).send())
        .bodyAsJsonObject().getJsonArray("alerts");
    assertThat(stillOpen.stream().map(a -> ((JsonObject) a).getString("id"))).doesNotContain(alertId);

    // the note stays with the case: the survivor's page lists the alert handled, by whom, with what was done
    driver.findElement(By.linkText("Personas")).click();
    waitFor("[data-caseload]");
    driver.findElement(By.linkText("GT-2026-0188")).click();
    waitFor("[data-case-ref]");
    assertThat(driver.getCurrentUrl()).as("the alert's link and the caseload open the same page").isEqualTo(casePage);
    WebElement handled = waitFor("[data-handled-alert='" + alertId + "']");
    assertThat(handled.getText()).contains("Consentimiento revocado", "por cm-ana");
    assertThat(handled.findElement(By.cssSelector("[data-handled-note]")).getText())
        .isEqualTo("Nota: Avisé al refugio por teléfono");
    screenshots("handled", "#handled");

    // signing out ends the session: the console asks to sign in again
    driver.findElement(By.cssSelector("form[action='/console/sign-out'] button")).click();
    // the sign-out answered first (a navigation right after the click could leave before the form was posted)
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("signed-out=1"));
    driver.get(base + "/console");
    assertThat(driver.getCurrentUrl()).isEqualTo(base + "/console/sign-in");
  }

  @Test
  @VozConfig("console.passwordIterations=1000")
  @DisplayName("a deactivated member is signed out at once; an admin signs in by keyboard only, reactivates, rotates, resets, reads the log; a locked sign-in says to wait")
  void adminsDay() throws Exception {
    JsonObject admin = createStaff("adm-eva", "admin", "Eva Ramos");
    JsonObject member = createStaff("cm-ana", "case_manager", "Ana Pérez");
    String adminSecret = new ConsoleClient(voz).enrol(ConsoleHttpTest.invitePath(admin));
    String memberSecret = new ConsoleClient(voz).enrol(ConsoleHttpTest.invitePath(member));

    // the member works in the browser; the admin deactivates them from the console (another browser, over HTTP)
    driver.get(base + "/console/sign-in");
    driver.findElement(By.id("username")).sendKeys("cm-ana");
    driver.findElement(By.id("password")).sendKeys(ConsoleClient.PASSWORD);
    driver.findElement(By.id("code")).sendKeys(ConsoleHttpTest.code(memberSecret, 0), Keys.ENTER);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().equals(base + "/console"));
    ConsoleClient adminHttp = new ConsoleClient(voz);
    assertThat(adminHttp.signIn("adm-eva", ConsoleClient.PASSWORD, ConsoleHttpTest.code(adminSecret, 0)).statusCode()).isEqualTo(303);
    String csrf = adminHttp.csrf(adminHttp.get("/console/staff").bodyAsString());
    assertThat(adminHttp.post("/console/staff/cm-ana/deactivate", java.util.Map.of("_csrf", csrf)).statusCode()).isEqualTo(303);
    // the member's very next request lands on the sign-in page
    driver.navigate().refresh();
    assertThat(driver.getCurrentUrl()).isEqualTo(base + "/console/sign-in");
    assertThat(driver.findElements(By.cssSelector(".voz-account__who"))).isEmpty();

    // the admin signs in with the keyboard only: Tab between the fields, Enter to send; the code computed here
    driver.get(base + "/console/sign-in");
    tabUntil("#username");
    new Actions(driver).sendKeys("adm-eva").perform();
    new Actions(driver).sendKeys(Keys.TAB).perform();
    assertThat(driver.switchTo().activeElement().getAttribute("id")).as("Tab from the username").isEqualTo("password");
    new Actions(driver).sendKeys(ConsoleClient.PASSWORD).perform();
    new Actions(driver).sendKeys(Keys.TAB).perform();
    assertThat(driver.switchTo().activeElement().getAttribute("id")).as("Tab from the password").isEqualTo("code");
    new Actions(driver).sendKeys(ConsoleHttpTest.code(adminSecret, 1)).perform();
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().equals(base + "/console"));
    assertThat(driver.findElement(By.cssSelector(".voz-account__who")).getText()).contains("adm-eva");
    // an admin sees every case's alerts and every caseload: the pages say so, not "your cases"
    assertThat(driver.findElement(By.cssSelector("[data-inbox-intro]")).getText())
        .isEqualTo("Alertas pendientes de todos los casos, las más recientes primero.");
    driver.findElement(By.cssSelector("nav a[href='/console/survivors']")).click();
    waitFor("[data-pick-case-manager]");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Casos del equipo");
    assertThat(driver.getPageSource()).doesNotContain("Todavía no tiene personas inscritas");

    // the staff page, reached from the navigation; the deactivated member reactivated by Tab and Enter
    driver.findElement(By.cssSelector("nav a[href='/console/staff']")).click();
    waitFor("[data-staff-id='cm-ana']");
    assertThat(driver.findElement(By.cssSelector("[data-staff-id='cm-ana'] [data-staff-status]")).getText()).isEqualTo("Desactivada");
    axe("staff");
    screenshots("staff");
    tabUntil("[data-staff-id='cm-ana'] button[data-action='reactivate']");
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("done=reactivated"));
    assertThat(driver.findElement(By.cssSelector(".govuk-notification-banner")).getText()).contains("cm-ana");
    assertThat(driver.findElement(By.cssSelector("[data-staff-id='cm-ana'] [data-staff-status]")).getText()).isEqualTo("Activa");

    // a new API token, shown once
    driver.findElement(By.cssSelector("[data-staff-id='cm-ana'] button[data-action='token']")).click();
    String token = waitFor("[data-shown='api-token']").getText();
    axe("token");
    assertThat(await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(token).send()).statusCode()).isEqualTo(200);
    assertThat(await(voz.client.get("/api/v1/alerts").bearerTokenAuthentication(member.getString("token")).send())
        .statusCode()).isEqualTo(401);

    // a second-factor reset: the link, shown once, opens the page where the member enrols a new app
    driver.get(base + "/console/staff");
    driver.findElement(By.cssSelector("[data-staff-id='cm-ana'] button[data-action='second-factor']")).click();
    String link = waitFor("[data-shown='setup-link']").getText();
    assertThat(link).startsWith(voz.publicUrl + "/console/invite/");

    // the account events, newest first
    driver.get(base + "/console/audit");
    assertThat(driver.findElements(By.cssSelector("[data-audit-event]")).size()).isGreaterThanOrEqualTo(6);
    assertThat(driver.findElement(By.cssSelector("[data-audit-event]")).getText()).contains("Segundo factor restablecido", "cm-ana", "adm-eva");
    axe("audit");
    screenshots("audit");
    driver.findElement(By.cssSelector("form[action='/console/sign-out'] button")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("signed-out=1"));

    driver.get(base + URI.create(link).getPath());
    assertThat(driver.findElement(By.id("password")).getAttribute("autocomplete")).isEqualTo("current-password");
    axe("second-factor");
    screenshots("second-factor");

    // five wrong attempts lock the account: the page says to wait, not what was wrong
    ConsoleClient guesser = new ConsoleClient(voz);
    for (int i = 0; i < 5; i++) {
      guesser.signIn("adm-eva", "a wrong password " + i, "000000");
    }
    driver.get(base + "/console/sign-in");
    driver.findElement(By.id("username")).sendKeys("adm-eva");
    driver.findElement(By.id("password")).sendKeys(ConsoleClient.PASSWORD);
    driver.findElement(By.id("code")).sendKeys(ConsoleHttpTest.code(adminSecret, -1), Keys.ENTER);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.findElement(By.tagName("h1")).getText()
        .equals("Espere antes de intentar de nuevo"));
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("Espere 15 minutos");
    axe("sign-in-locked");
    screenshots("sign-in-locked");
  }

  /**
   * axe-core (the script inside the axe-core Selenium jar, no network) on the page as it stands: no serious or
   * critical violation of WCAG 2.1 A/AA or axe's best practices.
   */
  private void axe(String page) {
    Results results = new AxeBuilder()
        .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")).analyze(driver);
    assertThat(results.getPasses()).as("axe ran its rules on " + page).isNotEmpty();
    results.getViolations().forEach(rule -> System.out.println("axe " + page + ": " + rule.getImpact() + " " + rule.getId()
        + " " + rule.getNodes().size() + " node(s)"));
    List<Rule> serious = results.getViolations().stream()
        .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())).toList();
    assertThat(serious).as(page + ": " + serious.stream().map(rule -> rule.getId() + " " + rule.getNodes().stream()
        .map(n -> String.valueOf(n.getTarget())).toList()).toList()).isEmpty();
  }

  private JsonObject createStaff(String id, String role, String name) throws Exception {
    var response = await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", id).put("role", role).put("name", name).put("language", "es")));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  /** The element matching {@code css} once the page that has it has loaded (a click's navigation may still run). */
  private WebElement waitFor(String css) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> !driver.findElements(By.cssSelector(css)).isEmpty());
    return driver.findElement(By.cssSelector(css));
  }

  private Object js(String script) {
    return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script);
  }

  /** Presses Tab (as a keyboard user) until the focused element matches {@code css}; at most 60 presses. */
  private void tabUntil(String css) {
    WebElement target = driver.findElement(By.cssSelector(css));
    for (int i = 0; i < 60 && !target.equals(driver.switchTo().activeElement()); i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
    }
    assertThat(driver.switchTo().activeElement()).as("focus reached " + css + " by Tab").isEqualTo(target);
  }

  private void enrolUnder(String caseManager, String phone) throws Exception {
    var response = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject()
            .put("caseRef", "GT-2026-0188").put("language", "es").put("caseManager", caseManager)
            .put("contacts", new JsonArray().add(new JsonObject().put("channel", "sms").put("address", phone)))
            .put("pin", "4821")
            .put("consents", new JsonArray().add(new JsonObject()
                .put("id", "c1").put("data", "case-notes").put("recipient", "shelter-casa-esperanza")
                .put("purpose", "referral").put("until", "2027-06-30").put("status", "granted")))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private void screenshots(String name) throws IOException {
    screenshots(name, null);
  }

  /**
   * The page at 1280 px and 390 px wide (a phone), into voz.screenshots, scrolled to {@code css} (null: where it is);
   * the width restored after.
   */
  private void screenshots(String name, String css) throws IOException {
    Path dir = Path.of(System.getProperty("voz.screenshots", "target/console-screenshots"));
    Files.createDirectories(dir);
    for (int width : new int[] {1280, 390}) {
      driver.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
      // nothing wider than the window: the page works on a phone without sideways scrolling
      Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) driver)
          .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow).as(name + " scrolls sideways at " + width + " px").isLessThanOrEqualTo(0L);
      if (css != null) {
        js("document.querySelector('" + css + "').scrollIntoView();");
      }
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), dir.resolve(name + "-es-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
    driver.manage().window().setSize(new Dimension(1280, 900));
  }
}
