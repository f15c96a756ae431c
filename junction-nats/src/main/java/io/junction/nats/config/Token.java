package io.junction.nats.config;

/** One lexical item of a configuration file: its kind, its text (without quotes) and where it starts. */
record Token(Type type, String text, Position position) {
    enum Type {
        KEY,
        STRING,
        BOOL,
        INTEGER,
        FLOAT,
        DATETIME,
        VARIABLE,
        INCLUDE,
        ARRAY_START,
        ARRAY_END,
        MAP_START,
        MAP_END,
        EOF
    }
}
