package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One resource as {@code field  value} lines, nested fields by their JSON path ({@code capacity.cpu.usableMhz},
 * {@code disks[0].sizeMb}). Generic on purpose: a field the manager adds shows up without a CLI change.
 */
final class KeyValues {

    private KeyValues() {}

    static String render(JsonNode node) {
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        flatten("", node, rows);
        int width = rows.stream().mapToInt(r -> r.getKey().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (var r : rows) {
            out.append((r.getKey() + " ".repeat(width - r.getKey().length()) + "  " + r.getValue()).stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }

    static void flatten(String path, JsonNode node, List<Map.Entry<String, String>> rows) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                    e.getValue(), rows));
        } else if (node.isArray() && !node.isEmpty()) {
            boolean scalars = true;
            for (JsonNode item : node) {
                scalars &= item.isValueNode();
            }
            if (scalars) {
                List<String> values = new ArrayList<>();
                node.forEach(item -> values.add(item.asText()));
                rows.add(Map.entry(path, String.join(",", values)));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(path + "[" + i + "]", node.get(i), rows);
                }
            }
        } else {
            rows.add(Map.entry(path, node.isNull() || node.isMissingNode() || node.isContainerNode() ? "-"
                    : node.asText().replaceAll("[\\r\\n\\t]+", " ")));
        }
    }
}
