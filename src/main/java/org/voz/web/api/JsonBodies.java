package org.voz.web.api;

import io.vertx.core.Future;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.Map;

/**
 * How the contract's validator sees a staff API request: the body the service's body handler has already read, and
 * a JSON body as JSON whatever its {@code Content-Type} says (the API has always read it so; integrations that send
 * {@code curl -d} without the header keep working).
 */
public final class JsonBodies {

  private static final String JSON = "application/json";

  private JsonBodies() {}

  public static RequestExtractor extractor() {
    return (ctx, operation) -> RequestUtils.extract(ctx.request(), operation,
            () -> Future.succeededFuture(ctx.body().buffer()))
        .map(request -> jsonOnly(operation) ? new AsJson(request) : request);
  }

  private static boolean jsonOnly(Operation operation) {
    return operation.getRequestBody() != null
        && operation.getRequestBody().getContent().keySet().stream().allMatch(JSON::equals);
  }

  private record AsJson(ValidatableRequest request) implements ValidatableRequest {
    @Override
    public String getContentType() {
      return JSON;
    }

    @Override
    public Map<String, RequestParameter> getCookies() {
      return request.getCookies();
    }

    @Override
    public Map<String, RequestParameter> getHeaders() {
      return request.getHeaders();
    }

    @Override
    public Map<String, RequestParameter> getPathParameters() {
      return request.getPathParameters();
    }

    @Override
    public Map<String, RequestParameter> getQuery() {
      return request.getQuery();
    }

    @Override
    public RequestParameter getBody() {
      return request.getBody();
    }
  }
}
