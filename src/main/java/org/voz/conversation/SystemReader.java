package org.voz.conversation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads system.yaml: languages, reserved words, system texts, status words. */
final class SystemReader {

  private final String file;
  private final List<Finding> findings;
  private final Map<ReservedWord, Source> reservedSources = new EnumMap<>(ReservedWord.class);

  SystemReader(String file, List<Finding> findings) {
    this.file = file;
    this.findings = findings;
  }

  SystemTexts read(Node root) {
    Source at = Yamls.at(file, root);
    List<String> languages = Yamls.child(root, "languages").map(Yamls::strings).orElse(List.of());
    if (languages.isEmpty()) {
      findings.add(Finding.error(at, "system.yaml lists no languages"));
      languages = List.of("es");
    }
    return new SystemTexts(languages, reserved(root, at), texts(root, "texts"), texts(root, "statuses"),
        reservedSources, at, labels(root), wordLists(root, "months"), wordLists(root, "more"));
  }

  private Map<ReservedWord, Map<String, List<String>>> reserved(Node root, Source at) {
    Map<ReservedWord, Map<String, List<String>>> reserved = new EnumMap<>(ReservedWord.class);
    for (NodeTuple family : Yamls.entries(Yamls.child(root, "reserved").orElse(null))) {
      ReservedWord kind = ReservedWord.ofKey(Yamls.keyOf(family));
      if (kind == null) {
        findings.add(Finding.error(Yamls.at(file, family.getKeyNode()),
            "unknown reserved word family '" + Yamls.keyOf(family) + "'"));
        continue;
      }
      reservedSources.put(kind, Yamls.at(file, family.getKeyNode()));
      Map<String, List<String>> byLanguage = new LinkedHashMap<>();
      for (NodeTuple lang : Yamls.entries(family.getValueNode())) {
        byLanguage.put(Yamls.keyOf(lang), new ArrayList<>(Yamls.strings(lang.getValueNode())));
      }
      reserved.put(kind, byLanguage);
    }
    for (ReservedWord kind : ReservedWord.values()) {
      if (!reserved.containsKey(kind)) {
        findings.add(Finding.error(at, "system.yaml has no reserved words for '" + kind.key() + "'"));
      }
    }
    return reserved;
  }

  /** {@code labels: {data: {case-notes: {es: …}}, recipient: {…}, purpose: {…}}}. */
  private Map<String, Map<String, Text>> labels(Node root) {
    Map<String, Map<String, Text>> labels = new LinkedHashMap<>();
    for (NodeTuple kind : Yamls.entries(Yamls.child(root, "labels").orElse(null))) {
      String name = Yamls.keyOf(kind);
      if (!SystemTexts.LABEL_KINDS.contains(name)) {
        findings.add(Finding.error(Yamls.at(file, kind.getKeyNode()),
            "unknown label kind '" + name + "' (known: " + SystemTexts.LABEL_KINDS + ")"));
        continue;
      }
      Map<String, Text> byCode = new LinkedHashMap<>();
      for (NodeTuple t : Yamls.entries(kind.getValueNode())) {
        String code = Yamls.keyOf(t);
        byCode.put(code, ConversationLoader.readText(file, "labels." + name + "." + code, t.getValueNode(),
            Yamls.at(file, t.getKeyNode()), findings));
      }
      labels.put(name, byCode);
    }
    return labels;
  }

  /** A mapping language -> list of words ({@code months:}, {@code more:}). */
  private Map<String, List<String>> wordLists(Node root, String section) {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (NodeTuple t : Yamls.entries(Yamls.child(root, section).orElse(null))) {
      lists.put(Yamls.keyOf(t), new ArrayList<>(Yamls.strings(t.getValueNode())));
    }
    return lists;
  }

  private Map<String, Text> texts(Node root, String section) {
    Map<String, Text> texts = new LinkedHashMap<>();
    for (NodeTuple t : Yamls.entries(Yamls.child(root, section).orElse(null))) {
      String key = Yamls.keyOf(t);
      Source at = Yamls.at(file, t.getKeyNode());
      texts.put(key, ConversationLoader.readText(file, section + "." + key, t.getValueNode(), at, findings));
    }
    return texts;
  }
}
