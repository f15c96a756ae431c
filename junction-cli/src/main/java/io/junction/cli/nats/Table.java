package io.junction.cli.nats;

import io.junction.cli.Style;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows under headings, each column as wide as its widest cell, columns two spaces apart. */
public final class Table {
    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        rows.add(Arrays.stream(cells)
                .map(cell -> cell == null ? "" : cell.toString())
                .toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render(Style style) {
        var widths = new int[headers.size()];
        for (var i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (var row : rows) {
            for (var i = 0; i < widths.length && i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var text = new StringBuilder();
        if (title != null) {
            text.append(style.bold(title)).append("\n\n");
        }
        text.append(style.bold(line(headers, widths))).append('\n');
        var rule = new ArrayList<String>();
        for (var width : widths) {
            rule.add("─".repeat(width));
        }
        text.append(line(rule, widths)).append('\n');
        for (var row : rows) {
            text.append(line(row, widths)).append('\n');
        }
        return text.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        var text = new StringBuilder();
        for (var i = 0; i < widths.length; i++) {
            var cell = i < cells.size() ? cells.get(i) : "";
            text.append(cell);
            if (i < widths.length - 1) {
                text.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        return text.toString().stripTrailing();
    }
}
