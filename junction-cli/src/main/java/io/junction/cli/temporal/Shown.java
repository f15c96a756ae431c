package io.junction.cli.temporal;

/**
 * A table or card value with its plain text, which sets the column width, and the text shown, which may carry
 * colour codes that take no room on screen.
 */
record Shown(String plain, String shown) {
    static Shown of(Object value) {
        if (value instanceof Shown shown) {
            return shown;
        }
        var text = value == null ? "" : value.toString();
        return new Shown(text, text);
    }
}
