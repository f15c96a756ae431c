package io.junction.cli.temporal;

/** ANSI colour for a terminal, and plain text for everything else (pipes, files, tests). */
record Style(boolean colour) {
    String bold(String text) {
        return wrap("1", text);
    }

    String green(String text) {
        return wrap("32", text);
    }

    String red(String text) {
        return wrap("31", text);
    }

    String yellow(String text) {
        return wrap("33", text);
    }

    String blue(String text) {
        return wrap("34", text);
    }

    String magenta(String text) {
        return wrap("35", text);
    }

    private String wrap(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
