package io.junction.cli.temporal;

import java.util.ArrayList;
import java.util.List;

/**
 * Names and values one per line, the values lined up in a column: how the temporal CLI shows one thing, such as a
 * workflow execution or a namespace. Empty values are left out when added with {@link #optional}.
 */
final class Card {
    private final List<String> names = new ArrayList<>();
    private final List<Shown> values = new ArrayList<>();

    Card add(String name, Object value) {
        names.add(name);
        values.add(Shown.of(value));
        return this;
    }

    Card optional(String name, Object value) {
        var shown = Shown.of(value);
        return shown.plain().isEmpty() ? this : add(name, shown);
    }

    String render() {
        var width = names.stream().mapToInt(String::length).max().orElse(0);
        var text = new StringBuilder();
        for (var i = 0; i < names.size(); i++) {
            var name = names.get(i);
            var value = values.get(i).shown().replace("\n", "\n  " + " ".repeat(width + 2));
            text.append("  ")
                    .append(name)
                    .append(" ".repeat(width - name.length() + 2))
                    .append(value)
                    .append('\n');
        }
        return text.toString();
    }
}
