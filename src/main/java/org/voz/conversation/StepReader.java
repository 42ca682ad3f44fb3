package org.voz.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one step of a flow file, and its options, keeping their lines; problems become findings. */
final class StepReader {

  private final List<Finding> findings;
  private final Map<String, QuestionKind> questions;

  /** @param questions the kinds of survey question a flow may use, by their {@code type:} name */
  StepReader(List<Finding> findings, Map<String, QuestionKind> questions) {
    this.findings = findings;
    this.questions = questions;
  }

  /** The {@code type:} names of the steps that are not survey questions (those are named by their {@link QuestionKind}). */
  static final List<String> TYPES = List.of("pin", "choice", "input", "message", "end", "consent_pick", "consent_check",
      "survey_check", "survey_done", "exit_check", "news", "erasure_news");

  Step read(String file, String flowId, boolean flowRequiresPin, Node node) {
    Source at = Yamls.at(file, node);
    String id = Yamls.scalar(node, "id").orElse("");
    if (id.isBlank()) {
      findings.add(Finding.error(at, "step without id"));
      return null;
    }
    String typeName = Yamls.scalar(node, "type").orElse("");
    String type = typeName.toLowerCase(Locale.ROOT);
    QuestionKind question = questions.get(type);
    if (question == null && !TYPES.contains(type)) {
      findings.add(Finding.error(at, "step '" + id + "' has unknown type '" + typeName + "'"));
      return null;
    }
    String where = flowId + "." + id;
    Node textNode = Yamls.child(node, "text").orElse(null);
    boolean check = type.equals("consent_check") || type.equals("survey_check") || type.equals("exit_check");
    Text text = textNode == null && check
        ? new Text(where, Map.of(), Map.of(), at)
        : ConversationLoader.readText(file, where, textNode, at, findings);
    String next = Yamls.scalar(node, "next").orElse(null);
    List<Option> options = new ArrayList<>();
    Yamls.child(node, "options").ifPresent(n -> {
      int i = 1;
      for (Node option : Yamls.items(n)) {
        options.add(readOption(file, where + " option " + i++, option));
      }
    });
    String save = Yamls.scalar(node, "save").orElse(null);
    int max = readMax(node, at);
    Pattern pattern = readPattern(node, at);
    boolean requiresPin = flowRequiresPin
        || Yamls.scalar(node, "requires_pin").map(Boolean::parseBoolean).orElse(false);
    List<Action> actions = readActions(file, node);
    Map<String, List<String>> skip = new LinkedHashMap<>();
    Yamls.child(node, "skip").ifPresent(n -> {
      for (NodeTuple t : Yamls.entries(n)) {
        skip.put(Yamls.keyOf(t), Yamls.strings(t.getValueNode()));
      }
    });
    String skipped = Yamls.scalar(node, "skipped").orElse(null);
    List<String> statuses = new ArrayList<>();
    Yamls.child(node, type.equals("consent_check") ? "status" : "list").ifPresent(n -> Yamls.strings(n).stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
        .filter(v -> !v.isEmpty() && !v.equals("all")).forEach(statuses::add));
    Map<String, String> pick = new LinkedHashMap<>();
    Yamls.child(node, "pick").ifPresent(n -> {
      for (NodeTuple t : Yamls.entries(n)) {
        if (t.getValueNode() instanceof ScalarNode s) {
          pick.put(Yamls.keyOf(t), s.getValue());
        }
      }
    });
    String otherwise = Yamls.scalar(node, check ? "none" : "empty").orElse(null);
    if (question != null) {
      QuestionStep step = question(question, new QuestionStep.Fields(id, text, next, options, max, requiresPin, at,
          scalars(node)), where);
      if (step != null) {
        ignored(step, where, next, options, actions, skip, skipped);
      }
      return step;
    }
    Step step = switch (type) {
      case "pin" -> new PinStep(id, text, next, requiresPin, at);
      case "choice" -> new ChoiceStep(id, text, options, requiresPin, at);
      case "input" -> new InputStep(id, text, next, save, max, pattern, actions, skip, skipped, requiresPin, at);
      case "message" -> new MessageStep(id, text, next, requiresPin, at);
      case "end" -> new EndStep(id, text, requiresPin, at);
      case "consent_pick" -> new ConsentPickStep(id, text, statuses, pick, otherwise, requiresPin, at);
      case "consent_check" -> new ConsentCheckStep(id, text, statuses, next, otherwise, requiresPin, at,
          Yamls.scalar(node, "selected").map(Boolean::parseBoolean).orElse(false));
      case "survey_check" -> new SurveyCheckStep(id, text, next, otherwise, requiresPin, at);
      case "exit_check" -> new ExitCheckStep(id, text, next, otherwise, requiresPin, at);
      case "news" -> new NewsStep(id, text, next, requiresPin, at);
      case "erasure_news" -> new ErasureNewsStep(id, text, next, requiresPin, at);
      default -> new SurveyDoneStep(id, text, next, requiresPin, at);
    };
    ignored(step, where, next, options, actions, skip, skipped);
    return step;
  }

  /** A question step, read by its kind; what the kind refuses is an error at the step. */
  private QuestionStep question(QuestionKind kind, QuestionStep.Fields fields, String where) {
    try {
      return kind.reader().apply(fields);
    } catch (IllegalArgumentException e) {
      findings.add(Finding.error(fields.source(), where + " (" + kind.name() + "): " + e.getMessage()));
      return null;
    }
  }

  /** Every scalar key of a step and its value, as written (a question kind reads its own settings from them). */
  private static Map<String, String> scalars(Node node) {
    Map<String, String> all = new LinkedHashMap<>();
    for (NodeTuple t : Yamls.entries(node)) {
      if (t.getValueNode() instanceof ScalarNode s) {
        all.put(Yamls.keyOf(t), s.getValue());
      }
    }
    return all;
  }

  /**
   * What the step's type does not read: options but for a choice, a step's actions and skip words but for an
   * input, {@code next:} where options or {@code pick:} lead on. A warning each, but an action, which acts
   * nowhere else: an error.
   */
  private void ignored(Step step, String where, String next, List<Option> options, List<Action> actions,
      Map<String, List<String>> skip, String skipped) {
    boolean takesOptions = step instanceof ChoiceStep || (step instanceof QuestionStep q && !q.options().isEmpty());
    if (!options.isEmpty() && !takesOptions) {
      findings.add(Finding.warning(step.source(), where + " is no choice: its options are ignored"));
    }
    if (step instanceof InputStep) {
      return;
    }
    for (Action action : actions) {
      findings.add(Finding.error(action.source(), where + ": a step takes only 'action: " + Action.RECORD_REASON
          + "' or '" + Action.OPEN_FILE_REQUEST + "', on an input step (other actions go on options)"));
    }
    if (!skip.isEmpty() || skipped != null) {
      findings.add(Finding.warning(step.source(), where + " is no input: its skip words are ignored"));
    }
    if (next != null && step instanceof ChoiceStep) {
      findings.add(Finding.warning(step.source(), where + " is a choice: its 'next:' is ignored (options lead on)"));
    } else if (next != null && step instanceof ConsentPickStep) {
      findings.add(Finding.warning(step.source(), where + " is a consent_pick: its 'next:' is ignored (pick: leads on)"));
    } else if (next != null && step instanceof EndStep) {
      findings.add(Finding.warning(step.source(), where + " is an end: its 'next:' is ignored"));
    }
  }

  /** {@code action: name} or {@code action: {name: value, …}}. */
  private List<Action> readActions(String file, Node node) {
    List<Action> actions = new ArrayList<>();
    Yamls.child(node, "action").ifPresent(n -> {
      if (n instanceof ScalarNode s) {
        actions.add(new Action(s.getValue(), "", Yamls.at(file, n)));
      }
      for (NodeTuple t : Yamls.entries(n)) {
        String value = t.getValueNode() instanceof ScalarNode s ? s.getValue() : "";
        actions.add(new Action(Yamls.keyOf(t), value, Yamls.at(file, t.getKeyNode())));
      }
    });
    return actions;
  }

  private int readMax(Node node, Source at) {
    String max = Yamls.scalar(node, "max").orElse(String.valueOf(Normalizer.MAX_INPUT));
    try {
      return Integer.parseInt(max);
    } catch (NumberFormatException e) {
      findings.add(Finding.error(at, "max is not a number: " + max));
      return Normalizer.MAX_INPUT;
    }
  }

  private Pattern readPattern(Node node, Source at) {
    String regex = Yamls.scalar(node, "pattern").orElse(null);
    if (regex == null) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      findings.add(Finding.error(at, "pattern is not a regular expression: " + e.getDescription()));
      return null;
    }
  }

  private Option readOption(String file, String name, Node node) {
    Source at = Yamls.at(file, node);
    Text label = ConversationLoader.readText(file, name, Yamls.child(node, "label").orElse(null), at, findings);
    Map<String, List<String>> words = new LinkedHashMap<>();
    Yamls.child(node, "words").ifPresent(n -> {
      for (NodeTuple t : Yamls.entries(n)) {
        words.put(Yamls.keyOf(t), Yamls.strings(t.getValueNode()));
      }
    });
    return new Option(label, words, Yamls.scalar(node, "next").orElse(null), readActions(file, node), at,
        Yamls.scalar(node, "code").orElse(null));
  }
}
