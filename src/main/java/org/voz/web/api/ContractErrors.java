package org.voz.web.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.voz.web.ApiError;

/**
 * A request the contract refuses, answered in the project's one error shape: 400
 * {@code {"error": "invalid_request", "message": "...", "field": "..."}}, the field written as the API names it
 * ({@code contacts[0].address}): the deepest place the schema validator points at, with the missing property of a
 * {@code required} failure, or the parameter's name.
 */
public final class ContractErrors {

  private static final Pattern REQUIRED = Pattern.compile("^Instance does not have required property \"(.+)\"$");
  private static final Pattern PARAMETER = Pattern.compile("\\b(?:query|path|header|cookie) parameter (\\S+?)(?:\\s|\\.|$)");

  private ContractErrors() {}

  /** Failure handler: a validation failure becomes the 400; anything else goes on to the next failure handler. */
  public static void handle(RoutingContext ctx) {
    ValidatorException invalid = validation(ctx.failure());
    if (invalid == null) {
      ctx.next();
      return;
    }
    badRequest(invalid).send(ctx);
  }

  static ValidatorException validation(Throwable failure) {
    if (failure instanceof ValidatorException e) {
      return e;
    }
    if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException e) {
      return e;
    }
    return null;
  }

  /** The 400 for a refused request. */
  public static ApiError badRequest(ValidatorException e) {
    String message = e.getMessage() == null ? "the request does not fit the API contract" : e.getMessage();
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null
        && message.startsWith("The value of the request body")) {
      return ApiError.badRequest(bodyField(schema.getOutputUnit()), message);
    }
    Matcher parameter = PARAMETER.matcher(message);
    return ApiError.badRequest(parameter.find() ? parameter.group(1) : null, message);
  }

  /** The deepest instance location among the validator's errors (a required property counts as one level deeper). */
  static String bodyField(OutputUnit result) {
    List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result) : result.getErrors();
    String best = null;
    int depth = -1;
    for (OutputUnit error : errors) {
      String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation();
      Matcher required = REQUIRED.matcher(error.getError() == null ? "" : error.getError());
      if (required.matches()) {
        pointer = pointer + "/" + required.group(1).replace("~", "~0").replace("/", "~1");
      }
      int d = pointer.isEmpty() ? 0 : pointer.split("/", -1).length - 1;
      if (d > depth) {
        depth = d;
        best = pointer;
      }
    }
    return field(best);
  }

  /** A JSON pointer ({@code /contacts/0/address}) as the API names a field ({@code contacts[0].address}); "" is null. */
  static String field(String pointer) {
    if (pointer != null && pointer.startsWith("#")) {
      pointer = pointer.substring(1);
    }
    if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
      return null;
    }
    StringBuilder field = new StringBuilder();
    for (String segment : pointer.substring(1).split("/", -1)) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && field.length() > 0) {
        field.append('[').append(name).append(']');
      } else {
        if (field.length() > 0) {
          field.append('.');
        }
        field.append(name);
      }
    }
    return field.length() == 0 ? null : field.toString();
  }
}
