package io.junction.cli.nats;

import io.junction.cli.Style;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled values in sections, labels right-aligned on the colon, as a person scans an info page:
 *
 * <pre>
 * Configuration:
 *
 *           Subjects: orders.&gt;
 *           Replicas: 1
 * </pre>
 */
public final class Fields {
    private record Entry(String section, String label, String value) {}

    private final List<Entry> entries = new ArrayList<>();
    private String section;

    public Fields section(String name) {
        section = name;
        return this;
    }

    public Fields add(String label, Object value) {
        entries.add(new Entry(section, label, value == null ? "" : value.toString()));
        return this;
    }

    /** Adds the line only when the condition holds, for settings shown only when they differ from the default. */
    public Fields addIf(boolean condition, String label, Object value) {
        return condition ? add(label, value) : this;
    }

    public String render(Style style) {
        var width =
                entries.stream().mapToInt(entry -> entry.label().length()).max().orElse(0);
        var text = new StringBuilder();
        String current = null;
        for (var entry : entries) {
            if (entry.section() != null && !entry.section().equals(current)) {
                current = entry.section();
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(style.bold(current + ":")).append("\n\n");
            }
            var pad = " ".repeat(width - entry.label().length() + 2);
            text.append(pad)
                    .append(entry.label())
                    .append(": ")
                    .append(entry.value())
                    .append('\n');
        }
        return text.toString();
    }
}
