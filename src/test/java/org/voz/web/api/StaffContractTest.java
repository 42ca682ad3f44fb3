package org.voz.web.api;

import org.voz.staff.StaffMember;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The OpenAPI contract: every operation named and secured; the staff API routes exactly its operations")
class StaffContractTest {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static Vertx vertx;
  private static JsonObject file;
  private static OpenAPIContract routed;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    file = StaffContract.read(vertx).await();
    routed = StaffContract.load(vertx).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("every operation of the file has a unique operationId and declares its security; /api/v1 ones a bearer token and roles")
  void operationsNamedAndSecured() {
    Set<String> ids = new HashSet<>();
    file.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      if (!METHODS.contains(entry.getKey())) {
        return;
      }
      String where = entry.getKey() + " " + path.getKey();
      JsonObject operation = (JsonObject) entry.getValue();
      assertThat(operation.getString("operationId")).as(where).isNotBlank();
      assertThat(ids.add(operation.getString("operationId"))).as("unique operationId " + where).isTrue();
      JsonArray security = operation.getJsonArray("security");
      assertThat(security).as("security of " + where).isNotNull();
      boolean bearer = security.stream().anyMatch(r -> ((JsonObject) r).containsKey(StaffContract.BEARER));
      if (path.getKey().startsWith("/api/v1/") && !path.getKey().equals("/api/v1/openapi.yaml")) {
        assertThat(bearer).as(where + " needs the bearer token").isTrue();
      } else {
        assertThat(security).as(where + " declares security: [] and describes its own scheme").isEmpty();
        assertThat(operation.getString("description")).as(where).isNotBlank();
      }
      operation.getJsonObject("responses").fieldNames().forEach(code ->
          assertThat(code).as("response keys of " + where).matches("[1-5][0-9][0-9]|[1-5]XX|default"));
    }));
  }

  @Test
  @DisplayName("the routed contract (OpenAPIContract.from) holds every /api/v1 operation, each naming the roles allowed")
  void routedOperationsHaveRoles() {
    assertThat(routed.operations()).isNotEmpty();
    for (Operation operation : routed.operations()) {
      assertThat(operation.getOperationId()).isNotBlank();
      assertThat(operation.getSecurityRequirements()).as(operation.getOperationId()).isNotEmpty();
      assertThat(StaffContract.roles(operation)).as("roles of " + operation.getOperationId())
          .isNotEmpty().isSubsetOf(StaffMember.ROLES);
      assertThat(operation.getOpenAPIPath()).startsWith("/api/v1/");
    }
    assertThat(routed.operations()).hasSize(36);
  }

  @Test
  @DisplayName("every /api/v1 route in the code is in the contract, and the code binds every operation of it by operationId")
  void routesMatchTheContract() throws IOException {
    Set<String> inFile = new TreeSet<>();
    file.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).fieldNames().stream()
        .filter(METHODS::contains).forEach(m -> inFile.add(m + " " + path.getKey())));
    // routes mounted by hand: only the authentication (/api/v1/*) and the contract itself
    Pattern mounted = Pattern.compile("router\\.(get|post|put|patch|delete)\\(\"(/api/v1/[^\"]*)\"");
    Pattern bound = Pattern.compile("StaffContract\\.route\\(api, \"([A-Za-z]+)\"\\)");
    Set<String> handMounted = new TreeSet<>();
    Set<String> boundIds = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(source);
        Matcher m = mounted.matcher(text);
        while (m.find()) {
          handMounted.add(m.group(1) + " " + m.group(2).replaceAll(":([A-Za-z]+)", "{$1}"));
        }
        Matcher b = bound.matcher(text);
        while (b.find()) {
          boundIds.add(b.group(1));
        }
      }
    }
    assertThat(inFile).containsAll(handMounted);
    assertThat(handMounted).containsExactly("get /api/v1/openapi.yaml");
    Set<String> routedIds = new TreeSet<>();
    routed.operations().forEach(o -> routedIds.add(o.getOperationId()));
    assertThat(boundIds).isEqualTo(routedIds);
  }

  @Test
  @DisplayName("a validator's instance location is written as the API names fields")
  void fieldNames() {
    assertThat(ContractErrors.field("/contacts/0/address")).isEqualTo("contacts[0].address");
    assertThat(ContractErrors.field("/consents/1/until")).isEqualTo("consents[1].until");
    assertThat(ContractErrors.field("/contactWindow/channels/0")).isEqualTo("contactWindow.channels[0]");
    assertThat(ContractErrors.field("/a~1b")).isEqualTo("a/b");
    assertThat(ContractErrors.field("")).isNull();
    OutputUnit result = new OutputUnit(false).setErrors(List.of(
        new OutputUnit("/consents", "", "", "Items did not match", null),
        new OutputUnit("/consents/0", "", "", "Instance does not have required property \"until\"", null)));
    assertThat(ContractErrors.bodyField(result)).isEqualTo("consents[0].until");
  }
}
