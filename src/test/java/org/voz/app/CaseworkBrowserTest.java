package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;
import static org.voz.testing.Wait.waitFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.File;
import java.io.IOException;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.voz.channel.AlertSender;
import org.voz.testing.EnrolmentJson;

/**
 * The casework pages in the system Chromium (headless, Selenium), as {@link ConsoleBrowserTest} drives the sign-in:
 * here the member signs in over HTTP ({@link ConsoleUser}) and the browser gets their session cookie. Screenshots
 * of each page in Spanish at 1280 and 390 px go to {@code voz.screenshots} (default target/console-screenshots).
 */
@VozTest
@VozConfig({"console.passwordIterations=1000", "recipients.shelter-casa-esperanza.url=" + VozConfig.WIREMOCK + "/casa",
    "recipients.shelter-casa-esperanza.secret=casa-secret"})
@DisplayName("Console casework in Chromium: enrol and QR code, a PDF upload, another's survivor 403, a revocation in person")
class CaseworkBrowserTest {

  private VozHarness voz;
  private WireMockServer stub;
  private WebDriver driver;
  private Chromium browser;
  private String base;

  @BeforeEach
  void start(VozHarness voz, WireMockServer stub) throws Exception {
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

  /** The browser signed in as {@code user} (their session cookie, as the sign-in page would have set it). */
  private void signIn(ConsoleUser user) {
    driver.manage().deleteAllCookies();
    driver.get(base + "/console/sign-in");
    driver.manage().addCookie(new Cookie.Builder("voz_console", user.sessionCookie()).path("/console").isHttpOnly(true)
        .sameSite("Strict").build());
  }

  @Test
  @DisplayName("enrol by the form → QR code page → the survivor asks for a copy by SMS → upload the PDF to the request")
  void enrolAndUpload() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, "cm-ana", "case_manager", "es", "Ana Pérez");
    signIn(ana);
    driver.get(base + "/console/survivors/new");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Inscribir a una persona");
    driver.findElement(By.id("caseRef")).sendKeys("GT-2026-0190");
    driver.findElement(By.id("sms")).sendKeys("+50255580001");
    driver.findElement(By.id("pin")).sendKeys("12");
    driver.findElement(By.id("data")).sendKeys("case-notes");
    driver.findElement(By.id("recipient")).sendKeys("shelter-casa-esperanza");
    driver.findElement(By.id("purpose")).sendKeys("referral");
    driver.findElement(By.id("until")).sendKeys("06302027"); // the date input, typed as a keyboard user would (mm/dd/yyyy)
    driver.findElement(By.cssSelector("form[data-form=enrol] button[type=submit]")).click();
    // a mistake: shown beside its field, in Spanish (once the page the form posted to has loaded); the rest kept
    assertThat(shown("[data-error-for=pin]").getText()).contains("de 4 a 8 números");
    // and listed at the top, named by its label, linking to the field
    WebElement summary = driver.findElement(By.cssSelector(".govuk-error-summary [data-summary-for=pin]"));
    assertThat(summary.getText()).isEqualTo("PIN: El PIN debe tener de 4 a 8 números.");
    assertThat(summary.getAttribute("href")).endsWith("#pin");
    assertThat(driver.findElement(By.id("caseRef")).getAttribute("value")).isEqualTo("GT-2026-0190");
    screenshots("enrol", null);
    driver.findElement(By.id("pin")).sendKeys("4821");
    driver.findElement(By.cssSelector("form[data-form=enrol] button[type=submit]")).click();
    WebElement qr = shown("[data-telegram-qr] svg[role=img]");
    assertThat(qr.isDisplayed()).isTrue();
    assertThat(driver.findElement(By.cssSelector("[data-telegram-link]")).getText()).startsWith("https://t.me/");
    assertThat(driver.findElement(By.cssSelector("[data-enrolled]")).getText()).contains("Persona inscrita", "GT-2026-0190");
    screenshots("enrolled", null);

    // the survivor page; the survivor then asks for a copy of their file by SMS
    driver.findElement(By.linkText("Ir a la página del caso")).click();
    shown("[data-case-ref]");
    String survivorUrl = driver.getCurrentUrl();
    assertThat(driver.findElement(By.cssSelector("[data-chain=verified]")).getText()).isEqualTo("Cadena verificada");
    for (String text : new String[] {"hola", "4821", "documentos", "1", "copia", "2", "Para la visa"}) {
      int before = Stubs.bodiesTo(stub, "+50255580001").size();
      await(voz.sms("+50255580001", text, VozHarness.newSid()));
      waitFor(() -> Stubs.bodiesTo(stub, "+50255580001").size() > before, Duration.ofSeconds(10));
    }
    driver.get(survivorUrl);
    WebElement upload = driver.findElement(By.cssSelector("form[data-upload]"));
    String reference = upload.getAttribute("data-upload");
    Path pdf = Files.createTempFile("voz-copy", ".pdf");
    Files.write(pdf, ConsoleUser.pdf(2048));
    upload.findElement(By.cssSelector("input[type=file]")).sendKeys(pdf.toAbsolutePath().toString());
    upload.findElement(By.cssSelector("button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("?done=document"));
    Files.delete(pdf);
    // back at that request, not at the top of the page: its card says the document is stored, and is in view
    assertThat(driver.getCurrentUrl()).endsWith("?done=document&request=" + reference + "#request-" + reference);
    assertThat(driver.findElement(By.cssSelector("[data-request='" + reference + "'] [data-notice]")).getText())
        .contains("Documento guardado (cifrado).");
    assertThat((Boolean) ((JavascriptExecutor) driver).executeScript("var r = document.getElementById(arguments[0])"
        + ".getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight;", "request-" + reference))
        .as("the request's card is in view").isTrue();
    assertThat(driver.findElement(By.cssSelector("[data-document=true]")).getText()).isEqualTo("Guardado");
    screenshots("survivor", "#request-" + reference);

    driver.get(base + "/console/survivors");
    assertThat(driver.findElements(By.cssSelector("[data-caseload] [data-survivor-id]"))).hasSize(1);
    screenshots("survivors", null);
  }

  @Test
  @DisplayName("another case manager's survivor is a 403 page; a revocation recorded in person reaches the recipient's webhook")
  void revocationInPerson() throws Exception {
    stub.stubFor(post(urlPathEqualTo("/casa")).willReturn(aResponse().withStatus(200)));
    ConsoleUser ana = ConsoleUser.signedIn(voz, "cm-ana", "case_manager", "es", "Ana Pérez");
    ConsoleUser ben = ConsoleUser.signedIn(voz, "cm-ben", "case_manager", "es", "Benito Ruiz");
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(ana.token)
        .sendJsonObject(EnrolmentJson.standard("cm-ana", "es", "sms", "+50255580002").caseRef("GT-2026-0191").json()));
    String survivor = enrolled.bodyAsJsonObject().getString("id");

    signIn(ben);
    driver.get(base + "/console/survivors/" + survivor);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("No tiene acceso a esta página");
    assertThat(driver.getPageSource()).doesNotContain("GT-2026-0191");

    signIn(ana);
    driver.get(base + "/console/survivors/" + survivor);
    WebElement form = driver.findElement(By.cssSelector("form[data-decision=c1]"));
    form.findElement(By.cssSelector("label[for=given-c1]")).click();
    form.findElement(By.cssSelector("button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().contains("done=decision"));
    String receipt = driver.findElement(By.cssSelector("[data-receipt]")).getText();
    assertThat(receipt).matches("[23456789A-HJ-NP-Z]{6}");
    assertThat(driver.findElement(By.cssSelector("[data-consent-id=c1] [data-status]")).getText()).isEqualTo("Revocado");
    assertThat(driver.findElement(By.cssSelector("[data-ledger]")).getText()).contains("Consentimiento revocado",
        "registrado por cm-ana", "en persona", receipt);
    screenshots("decision", null);
    screenshots("ledger", "#ledger");

    // a new consent asked for: the form offers the next free id, the case manager fills in the rest
    WebElement ask = driver.findElement(By.cssSelector("form[data-form=consent]"));
    assertThat(ask.findElement(By.id("consentId")).getAttribute("value")).isEqualTo("c2");
    ask.findElement(By.id("data")).sendKeys("contact-details");
    ask.findElement(By.id("recipient")).sendKeys("legal-aid-network");
    ask.findElement(By.id("purpose")).sendKeys("legal-support");
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = '2027-12-31';", ask.findElement(By.id("until")));
    screenshots("consent", "#new-consent");
    ask = driver.findElement(By.cssSelector("form[data-form=consent]"));
    ask.findElement(By.cssSelector("button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().endsWith("?done=consent"));
    assertThat(driver.findElement(By.cssSelector("[data-consent-id=c2] [data-status]")).getText()).isEqualTo("Por responder");
    assertThat(driver.findElement(By.id("consentId")).getAttribute("value")).isEqualTo("c3");

    waitFor(() -> !stub.findAll(postRequestedFor(urlPathEqualTo("/casa"))).isEmpty(), Duration.ofSeconds(10));
    var notice = stub.findAll(postRequestedFor(urlPathEqualTo("/casa"))).get(0);
    assertThat(notice.getHeader("X-Voz-Signature")).isEqualTo("sha256=" + AlertSender.sign("casa-secret", notice.getBody()));
    JsonObject body = new JsonObject(notice.getBodyAsString());
    assertThat(body.getString("type")).isEqualTo("consent.revoked");
    assertThat(body.getString("consentId")).isEqualTo("c1");
    assertThat(body.getString("receipt")).isEqualTo(receipt);
    waitFor(() -> stub.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
        .anyMatch(r -> r.getBodyAsString().contains(receipt)), Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("the risk level on the survivor's page: shown as Leve, raised to Alto with a reason, then the notice is sent")
  void riskLevel() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, "cm-ana", "case_manager", "es", "Ana Pérez");
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(ana.token)
        .sendJsonObject(EnrolmentJson.standard("cm-ana", "es", "sms", "+50255580003").caseRef("GT-2026-0192").json()));
    String survivor = enrolled.bodyAsJsonObject().getString("id");
    signIn(ana);
    driver.get(base + "/console/survivors/" + survivor);
    assertThat(driver.findElement(By.cssSelector("[data-risk-level]")).getText()).isEqualTo("Leve");

    WebElement form = driver.findElement(By.cssSelector("form[data-form=risk]"));
    form.findElement(By.cssSelector("label[for=riskLevel-high]")).click();
    form.findElement(By.cssSelector("button[type=submit]")).click();
    // no reason: the error beside its field (once the page the form posted to has loaded), the choice kept
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> !driver.findElements(By.cssSelector("[data-error-for=riskReason]")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("[data-error-for=riskReason]")).getText()).isEqualTo("Escriba el motivo del cambio.");
    assertThat(driver.findElement(By.id("riskLevel-high")).isSelected()).isTrue();
    driver.findElement(By.id("riskReason")).sendKeys("Un familiar conoce su dirección");
    driver.findElement(By.cssSelector("form[data-form=risk] button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().endsWith("?done=risk"));
    assertThat(driver.findElement(By.cssSelector("[data-notice]")).getText()).contains("Nivel de riesgo cambiado.");
    assertThat(driver.findElement(By.cssSelector("[data-risk-level]")).getText()).isEqualTo("Alto");
    assertThat(driver.findElement(By.cssSelector("[data-ledger]")).getText()).contains("Nivel de riesgo cambiado",
        "Leve → Alto", "registrado por cm-ana");
    assertThat(driver.findElement(By.cssSelector("[data-writes-first]")).getText()).contains("Voz no escribe primero");
    screenshots("risk", "#risk");

    driver.findElement(By.cssSelector("form[data-form=notice] button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().endsWith("?done=notice"));
    assertThat(driver.findElement(By.cssSelector("[data-notice]")).getText()).contains("Aviso enviado.");
  }

  /** The element matching {@code css}, once the page showing it has loaded (a loaded machine answers slowly). */
  private WebElement shown(String css) {
    Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> !driver.findElements(By.cssSelector(css)).isEmpty());
    return driver.findElement(By.cssSelector(css));
  }

  @Test
  @DisplayName("a legal hold on the survivor's page (the reason required), then the survivor's erasure request: accepting answers the hold's error, refusing needs a reason")
  void holdAndErasureRequest() throws Exception {
    ConsoleUser ana = ConsoleUser.signedIn(voz, "cm-ana", "case_manager", "es", "Ana Pérez");
    String phone = "+50255580004";
    HttpResponse<Buffer> enrolled = await(voz.client.post("/api/v1/survivors").bearerTokenAuthentication(ana.token)
        .sendJsonObject(EnrolmentJson.standard("cm-ana", "es", "sms", phone).caseRef("GT-2026-0193").json()));
    String survivor = enrolled.bodyAsJsonObject().getString("id");
    signIn(ana);
    driver.get(base + "/console/survivors/" + survivor);
    assertThat(driver.findElements(By.cssSelector("[data-erasure-requested]"))).as("nothing asked yet").isEmpty();

    driver.findElement(By.cssSelector("form[data-form=hold] button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> !driver.findElements(By.cssSelector("[data-error-for=holdReason]")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("[data-error-for=holdReason]")).getText())
        .isEqualTo("Escriba el motivo de la retención.");
    driver.findElement(By.id("holdReason")).sendKeys("Orden judicial 2026-118");
    driver.findElement(By.cssSelector("form[data-form=hold] button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().endsWith("?done=hold"));
    assertThat(driver.findElement(By.cssSelector("[data-hold-reason]")).getText()).isEqualTo("Orden judicial 2026-118");
    assertThat(driver.findElement(By.cssSelector("[data-ledger]")).getText()).contains("Retención legal registrada");

    // the survivor asks in the chat
    Stubs.converse(voz, stub, phone, "Hola", "4821", "3", "1");
    driver.get(base + "/console/survivors/" + survivor);
    assertThat(driver.findElement(By.cssSelector("[data-erasure-requested]")).getText()).contains("Usted decide");
    screenshots("erasure-request", "#erasure");
    driver.findElement(By.cssSelector("form[data-form=erasure] button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> !driver.findElements(By.cssSelector("[data-error-for=erasure]")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("[data-error-for=erasure]")).getText())
        .isEqualTo("El expediente tiene una retención legal: levántela primero.");

    driver.findElement(By.cssSelector("form[data-form=refusal] button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> !driver.findElements(By.cssSelector("[data-error-for=refusalReason]")).isEmpty());
    driver.findElement(By.id("refusalReason")).sendKeys("Tu caso sigue abierto en el juzgado.");
    driver.findElement(By.cssSelector("form[data-form=refusal] button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().endsWith("?done=erasureRefused"));
    assertThat(driver.findElements(By.cssSelector("[data-erasure-requested]"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector("[data-ledger]")).getText()).contains("Pedido de borrado rechazado");

    driver.findElement(By.cssSelector("form[data-form=lift] button[type=submit]")).click();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> driver.getCurrentUrl().endsWith("?done=holdLifted"));
    assertThat(driver.findElements(By.cssSelector("[data-held]"))).isEmpty();
  }

  /**
   * The page at 1280 px and 390 px wide, into voz.screenshots, scrolled to {@code css} (null: the top); no sideways
   * scrolling at either width.
   */
  private void screenshots(String name, String css) throws IOException {
    Path dir = Path.of(System.getProperty("voz.screenshots", "target/console-screenshots"));
    Files.createDirectories(dir);
    for (int width : new int[] {1280, 390}) {
      driver.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
      Long overflow = (Long) ((JavascriptExecutor) driver)
          .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow).as(name + " scrolls sideways at " + width + " px").isLessThanOrEqualTo(0L);
      if (css == null) {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
      } else {
        ((JavascriptExecutor) driver).executeScript("document.querySelector(arguments[0]).scrollIntoView();", css);
      }
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), dir.resolve(name + "-es-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
    driver.manage().window().setSize(new Dimension(1280, 900));
  }
}
