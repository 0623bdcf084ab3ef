package org.openvrm.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders rows as aligned columns under an upper-case header, two spaces apart, without trailing blanks, so the
 * output reads well and still splits on whitespace ({@code awk '{print $2}'}). A missing value shows as "-".
 */
final class Table {

    private static final String GAP = "  ";

    private Table() {}

    static <T> String render(List<Column<T>> columns, List<T> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toList());
        for (T row : rows) {
            cells.add(columns.stream().map(c -> cell(c.value().apply(row))).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String v = line.get(i);
                String pad = " ".repeat(widths[i] - v.length());
                text.append(i == 0 ? "" : GAP).append(columns.get(i).right() ? pad + v : v + pad);
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String cell(String v) {
        return v == null || v.isBlank() ? "-" : v.replaceAll("[\\r\\n\\t]+", " ");
    }
}
