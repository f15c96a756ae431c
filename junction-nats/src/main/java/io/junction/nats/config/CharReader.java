package io.junction.nats.config;

/**
 * Walks the text of one configuration file a character at a time, keeping the line and column of the next one.
 *
 * <p>The lexer only ever looks ahead (never steps back), so the position is always that of {@link #peek()}.
 */
final class CharReader {
    static final int EOF = -1;

    private final String text;
    private final String file;
    private int offset;
    private int line = 1;
    private int column = 1;

    CharReader(String text, String file) {
        this.text = text;
        this.file = file;
    }

    int peek() {
        return peek(0);
    }

    int peek(int ahead) {
        var at = offset + ahead;
        return at < text.length() ? text.charAt(at) : EOF;
    }

    int next() {
        var c = peek();
        if (c == EOF) {
            return EOF;
        }
        offset++;
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return c;
    }

    /** The character at an absolute offset, or {@link #EOF} outside the text. */
    int charAt(int at) {
        return at >= 0 && at < text.length() ? text.charAt(at) : EOF;
    }

    int offset() {
        return offset;
    }

    String text(int from, int to) {
        return text.substring(from, to);
    }

    Position position() {
        return new Position(file, line, column);
    }

    String file() {
        return file;
    }
}
