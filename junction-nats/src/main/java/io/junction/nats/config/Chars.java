package io.junction.nats.config;

/** The character classes of nats-server's configuration lexer, which follow Go's notions of space and digit. */
final class Chars {
    private Chars() {}

    /** Go's {@code unicode.IsSpace}: ASCII and Latin-1 white space, then the Unicode separators. */
    static boolean isSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xFF && Character.isSpaceChar(c);
        };
    }

    /** Space or tab: what may sit between a key, its separator and its value on one line. */
    static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isNewLine(int c) {
        return c == '\n' || c == '\r';
    }

    static boolean isDigit(int c) {
        return c != CharReader.EOF && Character.isDigit(c);
    }

    static boolean isKeySeparator(int c) {
        return c == '=' || c == ':';
    }

    /** The multiplier letters nats-server accepts right after the digits of a number, as in {@code 1G}. */
    static boolean isSizeLetter(int c) {
        return switch (c) {
            case 'k', 'K', 'm', 'M', 'g', 'G', 't', 'T', 'p', 'P', 'e', 'E' -> true;
            default -> false;
        };
    }

    /** Printable form of a character for error messages. */
    static String describe(int c) {
        return switch (c) {
            case CharReader.EOF -> "the end of the file";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            case '\t' -> "'\\t'";
            default -> "'" + Character.toString(c) + "'";
        };
    }
}
