package io.junction.cli.temporal;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --output} formats: text for people, JSON for scripts, JSON lines for streams of items. */
enum Output {
    TEXT,
    JSON,
    JSONL;

    static final class Converter implements ITypeConverter<Output> {
        @Override
        public Output convert(String value) {
            try {
                return Output.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not one of text, json, jsonl");
            }
        }
    }
}
