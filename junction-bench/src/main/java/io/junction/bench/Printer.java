package io.junction.bench;

/** The benchmark's console: results on standard output, progress and problems on standard error. */
final class Printer {
    private Printer() {}

    static void result(String line) {
        // CLI-OUTPUT:BEGIN
        System.out.println(line);
        // CLI-OUTPUT:END
    }

    static void progress(String line) {
        // CLI-OUTPUT:BEGIN
        System.err.println(line);
        // CLI-OUTPUT:END
    }
}
