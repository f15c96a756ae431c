package io.junction.nats.config;

/** Where something sits in a configuration file: 1-based line and column, printed as {@code file:line:column}. */
record Position(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
