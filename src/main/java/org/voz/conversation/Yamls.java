package org.voz.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Small readers over SnakeYAML nodes that keep the line of everything. */
final class Yamls {

  private Yamls() {}

  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  static Source at(String file, Node node) {
    return new Source(file, line(node));
  }

  static Optional<Node> child(Node mapping, String key) {
    if (mapping instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return Optional.of(t.getValueNode());
        }
      }
    }
    return Optional.empty();
  }

  static Optional<String> scalar(Node mapping, String key) {
    return child(mapping, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
  }

  static List<NodeTuple> entries(Node node) {
    return node instanceof MappingNode m ? m.getValue() : List.of();
  }

  static List<Node> items(Node node) {
    return node instanceof SequenceNode s ? s.getValue() : List.of();
  }

  static String keyOf(NodeTuple tuple) {
    return tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
  }

  /** The scalar strings of a node that is a scalar or a sequence of scalars. */
  static List<String> strings(Node node) {
    List<String> out = new ArrayList<>();
    if (node instanceof ScalarNode s) {
      out.add(s.getValue());
    }
    for (Node item : items(node)) {
      if (item instanceof ScalarNode s) {
        out.add(s.getValue());
      }
    }
    return out;
  }
}
