package org.voz.conversation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads conversations/: every {@code *.yaml} beside {@code system.yaml} is one flow. Keeps going
 * after a problem so that one run reports them all.
 */
final class ConversationLoader {

  static final String SYSTEM_FILE = "system.yaml";

  /** What the files say, and what was wrong with how they say it. */
  record Loaded(Map<String, Flow> flows, SystemTexts system, List<Finding> findings) {}

  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, QuestionKind> questions = new LinkedHashMap<>();

  private ConversationLoader(List<QuestionKind> kinds) {
    for (QuestionKind kind : kinds) {
      if (questions.put(kind.name(), kind) != null) {
        throw new IllegalArgumentException("two kinds of question are named '" + kind.name() + "'");
      }
    }
  }

  static Loaded load(Path dir) {
    return load(dir, QuestionKind.builtIn());
  }

  /** With the kinds of survey question the flows may use ({@link QuestionKind#builtIn()}, and a test's own). */
  static Loaded load(Path dir, List<QuestionKind> kinds) {
    return new ConversationLoader(kinds).read(dir);
  }

  private Loaded read(Path dir) {
    Map<String, Flow> flows = new LinkedHashMap<>();
    SystemTexts system = null;
    for (Path file : yamlFiles(dir)) {
      String name = file.getFileName().toString();
      Node root = compose(file, name);
      if (root == null) {
        continue;
      }
      if (name.equals(SYSTEM_FILE)) {
        system = new SystemReader(name, findings).read(root);
        continue;
      }
      Flow flow = readFlow(name, root);
      if (flows.containsKey(flow.id())) {
        findings.add(Finding.error(flow.source(), "duplicate flow id '" + flow.id() + "'"));
      } else {
        flows.put(flow.id(), flow);
      }
    }
    if (system == null) {
      findings.add(new Finding(SYSTEM_FILE, 0, Finding.Severity.ERROR, "missing " + SYSTEM_FILE));
      system = new SystemTexts(List.of("es"), Map.of(), Map.of(), Map.of(), Map.of(), new Source(SYSTEM_FILE, 0));
    }
    return new Loaded(flows, system, List.copyOf(findings));
  }

  private List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      findings.add(new Finding(dir.toString(), 0, Finding.Severity.ERROR, "cannot list: " + e.getMessage()));
      return List.of();
    }
  }

  private Node compose(Path file, String name) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node root = new Yaml().compose(reader);
      if (root == null) {
        findings.add(new Finding(name, 1, Finding.Severity.ERROR, "empty file"));
      }
      return root;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      findings.add(new Finding(name, line, Finding.Severity.ERROR, "YAML syntax: " + e.getProblem()));
    } catch (YAMLException | IOException e) {
      findings.add(new Finding(name, 0, Finding.Severity.ERROR, "cannot read: " + e.getMessage()));
    }
    return null;
  }

  private Flow readFlow(String file, Node root) {
    String id = Yamls.scalar(root, "flow").orElse(file.substring(0, file.length() - ".yaml".length()));
    String version = Yamls.scalar(root, "version").orElse("");
    if (version.isBlank()) {
      findings.add(Finding.error(Yamls.at(file, root), "flow '" + id + "' has no version"));
    }
    boolean requiresPin = Yamls.scalar(root, "requires_pin").map(Boolean::parseBoolean).orElse(false);
    Map<String, Step> steps = new LinkedHashMap<>();
    StepReader reader = new StepReader(findings, questions);
    Node stepsNode = Yamls.child(root, "steps").orElse(null);
    if (stepsNode == null || Yamls.items(stepsNode).isEmpty()) {
      findings.add(Finding.error(Yamls.at(file, root), "flow '" + id + "' has no steps"));
    } else {
      for (Node node : Yamls.items(stepsNode)) {
        Step step = reader.read(file, id, requiresPin, node);
        if (step == null) {
          continue;
        }
        if (steps.containsKey(step.id())) {
          findings.add(Finding.error(step.source(), "duplicate step id '" + step.id() + "' in flow " + id));
        } else {
          steps.put(step.id(), step);
        }
      }
    }
    String start = Yamls.scalar(root, "start").orElse(steps.isEmpty() ? "" : steps.keySet().iterator().next());
    return new Flow(id, version, start, requiresPin, steps, Yamls.at(file, root),
        Yamls.scalar(root, "survey").orElse(null));
  }

  /** A text is a mapping language -> string; anything else is reported. */
  static Text readText(String file, String name, Node node, Source owner, List<Finding> findings) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Source> sources = new LinkedHashMap<>();
    if (node == null) {
      findings.add(Finding.error(owner, name + " has no text"));
      return new Text(name, values, sources, owner);
    }
    if (node instanceof ScalarNode) {
      findings.add(Finding.error(Yamls.at(file, node), name + " must give the text per language (es: ..., en: ...)"));
      return new Text(name, values, sources, Yamls.at(file, node));
    }
    for (NodeTuple t : Yamls.entries(node)) {
      if (t.getValueNode() instanceof ScalarNode s) {
        values.put(Yamls.keyOf(t), s.getValue());
        sources.put(Yamls.keyOf(t), Yamls.at(file, t.getKeyNode()));
      }
    }
    return new Text(name, values, sources, Yamls.at(file, node));
  }

}
