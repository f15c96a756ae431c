package io.junction.cli;

/** ANSI colour for a terminal, and plain text for everything else (pipes, files, tests). */
public record Style(boolean colour) {
    public String bold(String text) {
        return wrap("1", text);
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String blue(String text) {
        return wrap("34", text);
    }

    public String magenta(String text) {
        return wrap("35", text);
    }

    private String wrap(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
