package io.junction.cli.temporal;

import io.junction.cli.Style;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows under headings, each column as wide as its widest cell, columns two spaces apart, indented two spaces. */
final class Table {
    private final List<String> headers;
    private final List<List<Shown>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; a cell is any value, or a {@link Shown} for coloured text. */
    Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(Shown::of).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render(Style style) {
        var widths = new int[headers.size()];
        for (var i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (var row : rows) {
            for (var i = 0; i < widths.length && i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).plain().length());
            }
        }

        var text = new StringBuilder();
        var headerCells = headers.stream()
                .map(header -> new Shown(header, style.bold(header)))
                .toList();
        text.append(line(headerCells, widths)).append('\n');
        for (var row : rows) {
            text.append(line(row, widths)).append('\n');
        }
        return text.toString();
    }

    private static String line(List<Shown> cells, int[] widths) {
        var text = new StringBuilder("  ");
        for (var i = 0; i < widths.length; i++) {
            var cell = i < cells.size() ? cells.get(i) : Shown.of("");
            text.append(cell.shown());
            if (i < widths.length - 1) {
                text.append(" ".repeat(widths[i] - cell.plain().length() + 2));
            }
        }
        return text.toString().stripTrailing();
    }
}
