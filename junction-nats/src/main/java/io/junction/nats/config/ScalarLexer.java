package io.junction.nats.config;

import io.junction.nats.config.Token.Type;

/**
 * Reads one scalar value: a bare, quoted or block string, a number, a date or an IP address.
 *
 * <p>Follows nats-server's lexer, quirks included, because a file must mean here what it means there: a bare value
 * that starts with digits stays a number only until a character that cannot belong to one ({@code 10s} is a string,
 * {@code 2m} is the integer 2,000,000); a bare string ends at a space, a new line or one of {@code ; , ] }}, and a
 * single quote inside it ends it too; a block string {@code ( ... )} ends at a {@code )} alone on its line.
 */
final class ScalarLexer {
    private static final String DATE_AFTER_YEAR = "00-00T00:00:00Z";

    private final CharReader in;

    ScalarLexer(CharReader in) {
        this.in = in;
    }

    /** A bare value starting at the next character: a string, a boolean or a {@code $variable}. */
    Token bare(Position start) {
        return bareFrom(in.offset(), start);
    }

    Token singleQuoted(Position start) {
        var from = in.offset();
        while (in.peek() != '\'') {
            if (in.next() == CharReader.EOF) {
                throw ConfigException.at(start, "unterminated string: no closing '");
            }
        }
        var text = in.text(from, in.offset());
        in.next();
        return new Token(Type.STRING, text, start);
    }

    Token doubleQuoted(Position start) {
        var text = new TextBuilder();
        while (true) {
            var position = in.position();
            var c = in.next();
            if (c == '"') {
                return new Token(Type.STRING, text.toString(), start);
            }
            if (c == CharReader.EOF) {
                throw ConfigException.at(start, "unterminated string: no closing \"");
            }
            if (c == '\\') {
                escape(text, position);
            } else {
                text.append((char) c);
            }
        }
    }

    /** The text between {@code (} and a {@code )} that stands alone on its line, new lines kept. */
    Token block(Position start) {
        var from = in.offset();
        while (true) {
            var c = in.next();
            if (c == CharReader.EOF) {
                throw ConfigException.at(start, "unterminated block string: no ')' on a line of its own");
            }
            var closing = in.offset() - 1;
            if (c == ')' && in.charAt(closing - 1) == '\n' && (in.peek() == '\n' || in.peek() == CharReader.EOF)) {
                return new Token(Type.STRING, in.text(from, closing), start);
            }
        }
    }

    /** A value that starts with a digit: an integer, a float, a date, an IP address or a string. */
    Token number(Position start) {
        var from = in.offset();
        in.next();
        while (true) {
            var c = in.peek();
            if (c == '-') {
                in.next();
                if (in.offset() - from != 5) {
                    throw ConfigException.at(
                            start, "dates must be in full ISO 8601 Zulu form, as 2023-01-31T12:00:00Z");
                }
                return date(from, start);
            }
            if (Chars.isDigit(c)) {
                in.next();
            } else if (c == '.') {
                in.next();
                return fraction(from, start);
            } else if (Chars.isSizeLetter(c)) {
                in.next();
                return sized(from, start);
            } else if (endsNumber(c)) {
                return new Token(Type.INTEGER, in.text(from, in.offset()), start);
            } else {
                return bareFrom(from, start);
            }
        }
    }

    /** A number after its {@code -} sign. */
    Token negative(Position start) {
        var from = in.offset() - 1;
        if (!Chars.isDigit(in.peek())) {
            throw ConfigException.at(in.position(), "expected a digit after '-', got " + Chars.describe(in.peek()));
        }
        while (true) {
            var c = in.peek();
            if (Chars.isDigit(c)) {
                in.next();
            } else if (c == '.') {
                in.next();
                return fraction(from, start);
            } else if (Chars.isSizeLetter(c)) {
                in.next();
                return sized(from, start);
            } else {
                return new Token(Type.INTEGER, in.text(from, in.offset()), start);
            }
        }
    }

    private Token bareFrom(int from, Position start) {
        var text = new TextBuilder().append(in.text(from, in.offset()));
        while (true) {
            var c = in.peek();
            if (c == '\\') {
                var position = in.position();
                in.next();
                escape(text, position);
            } else if (c == '\'') {
                in.next();
                return new Token(Type.STRING, text.toString(), start);
            } else if (endsBareString(c)) {
                break;
            } else {
                text.append((char) in.next());
            }
        }
        var value = text.toString();
        if (text.hadEscapes()) {
            return new Token(Type.STRING, value, start);
        }
        if (Booleans.isBoolean(value)) {
            return new Token(Type.BOOL, value, start);
        }
        if (value.startsWith("$")) {
            return new Token(Type.VARIABLE, value.substring(1), start);
        }
        return new Token(Type.STRING, value, start);
    }

    /** After the digits and {@code .} of a number: a float, or an IP address when a second {@code .} follows. */
    private Token fraction(int from, Position start) {
        if (!Chars.isDigit(in.peek())) {
            throw ConfigException.at(
                    in.position(), "floats must have a digit after the '.', got " + Chars.describe(in.peek()));
        }
        while (Chars.isDigit(in.peek())) {
            in.next();
        }
        if (in.peek() != '.') {
            return new Token(Type.FLOAT, in.text(from, in.offset()), start);
        }
        while (Chars.isDigit(in.peek()) || in.peek() == '.' || in.peek() == ':' || in.peek() == '-') {
            in.next();
        }
        return new Token(Type.STRING, in.text(from, in.offset()), start);
    }

    /** After a size letter such as the {@code G} of {@code 1G} or {@code 1GiB}. */
    private Token sized(int from, Position start) {
        while ("bBiI".indexOf(in.peek()) >= 0) {
            in.next();
        }
        if (endsNumber(in.peek()) || Chars.isDigit(in.peek())) {
            return new Token(Type.INTEGER, in.text(from, in.offset()), start);
        }
        return bareFrom(from, start);
    }

    private Token date(int from, Position start) {
        for (var i = 0; i < DATE_AFTER_YEAR.length(); i++) {
            var expected = DATE_AFTER_YEAR.charAt(i);
            var position = in.position();
            var c = in.next();
            if (expected == '0' ? !Chars.isDigit(c) : c != expected) {
                var wanted = expected == '0' ? "a digit" : "'" + expected + "'";
                throw ConfigException.at(
                        position, "expected " + wanted + " in the ISO 8601 date, got " + Chars.describe(c));
            }
        }
        return new Token(Type.DATETIME, in.text(from, in.offset()), start);
    }

    /** The character after a backslash; errors point at the backslash. */
    private void escape(TextBuilder text, Position position) {
        var c = in.next();
        switch (c) {
            case 't' -> text.appendEscaped('\t');
            case 'n' -> text.appendEscaped('\n');
            case 'r' -> text.appendEscaped('\r');
            case '"' -> text.appendEscaped('"');
            case '\\' -> text.appendEscaped('\\');
            case 'x' -> text.appendByte(hexByte(position));
            default ->
                throw ConfigException.at(
                        position,
                        "invalid escape " + Chars.describe(c)
                                + "; only \\xXX, \\t, \\n, \\r, \\\" and \\\\ are allowed");
        }
    }

    private int hexByte(Position position) {
        var high = in.next();
        var low = high == CharReader.EOF || Chars.isNewLine(high) ? high : in.next();
        if (Chars.isNewLine(high) || Chars.isNewLine(low) || low == CharReader.EOF) {
            throw ConfigException.at(position, "expected two hexadecimal digits after '\\x' but the line ended");
        }
        var value = Character.digit(high, 16) * 16 + Character.digit(low, 16);
        if (Character.digit(high, 16) < 0 || Character.digit(low, 16) < 0 || high > 0x7F || low > 0x7F) {
            throw ConfigException.at(
                    position, "expected two hexadecimal digits after '\\x', got '" + (char) high + (char) low + "'");
        }
        return value;
    }

    private static boolean endsNumber(int c) {
        return Chars.isNewLine(c) || c == CharReader.EOF || c == '}' || c == ';' || c == ',' || Chars.isBlank(c);
    }

    private static boolean endsBareString(int c) {
        return endsNumber(c) || c == ']';
    }
}
