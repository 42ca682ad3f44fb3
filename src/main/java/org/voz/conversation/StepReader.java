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

  StepReader(List<Finding> findings) {
    this.findings = findings;
  }

  Step read(String file, String flowId, boolean flowRequiresPin, Node node) {
    Source at = Yamls.at(file, node);
    String id = Yamls.scalar(node, "id").orElse("");
    if (id.isBlank()) {
      findings.add(Finding.error(at, "step without id"));
      return null;
    }
    String typeName = Yamls.scalar(node, "type").orElse("");
    Step.Type type;
    try {
      type = Step.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      findings.add(Finding.error(at, "step '" + id + "' has unknown type '" + typeName + "'"));
      return null;
    }
    Node textNode = Yamls.child(node, "text").orElse(null);
    boolean check = type == Step.Type.CONSENT_CHECK || type == Step.Type.SURVEY_CHECK;
    Text text = textNode == null && check
        ? new Text(flowId + "." + id, Map.of(), Map.of(), at)
        : ConversationLoader.readText(file, flowId + "." + id, textNode, at, findings);
    String next = Yamls.scalar(node, "next").orElse(null);
    List<Option> options = new ArrayList<>();
    Yamls.child(node, "options").ifPresent(n -> {
      int i = 1;
      for (Node option : Yamls.items(n)) {
        options.add(readOption(file, flowId + "." + id + " option " + i++, option));
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
    Yamls.child(node, type == Step.Type.CONSENT_CHECK ? "status" : "list").ifPresent(n -> Yamls.strings(n).stream()
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
    return new Step(id, type, text, next, options, save, max, pattern, requiresPin, at,
        actions, skip, skipped, statuses, pick, otherwise);
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
