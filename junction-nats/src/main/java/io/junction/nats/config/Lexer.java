package io.junction.nats.config;

import io.junction.nats.config.Token.Type;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Splits a configuration file into tokens the way nats-server 2.9's lexer does.
 *
 * <h2>Design</h2>
 * A state machine with a stack: each state consumes characters and may hand back one token; after a value the
 * lexer returns to the state its context pushed (the end of a top-level value, of an array element or of a map
 * entry). Keys and values are separated by {@code =}, {@code :} or white space; a top-level value ends at a new
 * line, {@code ;}, {@code ,} or {@code }}; array elements are separated by new lines or commas (not semicolons);
 * map entries by new lines, commas or semicolons. {@code include} followed by white space, where a key may stand,
 * names a file.
 *
 * <h2>Where this differs</h2>
 * Input nats-server 2.9 mishandles is rejected with a clear error instead: a key without a value before {@code }}
 * or at the end of the file (as nats-server 2.10 rejects it), a {@code /} where a key is expected, a quote left
 * open at the end of the file.
 */
final class Lexer {
    private enum State {
        TOP,
        TOP_KEY_END,
        TOP_VALUE_END,
        VALUE,
        ARRAY_VALUE,
        ARRAY_VALUE_END,
        MAP_KEY,
        MAP_KEY_END,
        MAP_VALUE,
        MAP_VALUE_END,
        DONE
    }

    private final CharReader in;
    private final ScalarLexer scalars;
    private final Deque<State> stack = new ArrayDeque<>();
    private State state = State.TOP;
    private String lastKey = "";

    Lexer(String text, String file) {
        in = new CharReader(text, file);
        scalars = new ScalarLexer(in);
    }

    /**
     * The next token; {@link Type#EOF} at the end and ever after.
     *
     * @throws ConfigException at the first character that breaks the syntax
     */
    Token next() {
        while (true) {
            var token =
                    switch (state) {
                        case TOP -> top();
                        case TOP_KEY_END -> topKeyEnd();
                        case TOP_VALUE_END -> topValueEnd();
                        case VALUE -> value();
                        case ARRAY_VALUE -> arrayValue();
                        case ARRAY_VALUE_END -> arrayValueEnd();
                        case MAP_KEY -> mapKey();
                        case MAP_KEY_END -> mapKeyEnd();
                        case MAP_VALUE -> mapValue();
                        case MAP_VALUE_END -> mapValueEnd();
                        case DONE -> new Token(Type.EOF, "", in.position());
                    };
            if (token != null) {
                return token;
            }
        }
    }

    private Token top() {
        var c = in.peek();
        if (Chars.isSpace(c) || c == '{') {
            in.next();
            return null;
        }
        if (isCommentStart(c)) {
            skipComment();
            return null;
        }
        if (c == '/') {
            throw ConfigException.at(in.position(), "unexpected '/' where a key was expected");
        }
        if (c == CharReader.EOF) {
            state = State.DONE;
            return null;
        }
        stack.push(State.TOP_VALUE_END);
        return key(false);
    }

    private Token topKeyEnd() {
        var c = in.peek();
        if (c == CharReader.EOF) {
            state = State.DONE;
            return new Token(Type.EOF, "", in.position());
        }
        if (Chars.isSpace(c) || Chars.isKeySeparator(c)) {
            in.next();
            if (Chars.isKeySeparator(c)) {
                state = State.VALUE;
            }
            return null;
        }
        state = State.VALUE;
        return null;
    }

    private Token topValueEnd() {
        var c = in.peek();
        if (isCommentStart(c)) {
            skipComment();
            state = State.TOP;
        } else if (c == '/' || Chars.isBlank(c)) {
            // nats-server skips a lone slash after a top-level value as if it were a space.
            in.next();
        } else if (Chars.isNewLine(c) || c == ';' || c == ',' || c == '}' || c == CharReader.EOF) {
            in.next();
            state = State.TOP;
        } else {
            throw ConfigException.at(
                    in.position(),
                    "expected a new line or ';' after the value of '" + lastKey + "', got " + Chars.describe(c));
        }
        return null;
    }

    private Token value() {
        var c = in.peek();
        if (Chars.isBlank(c)) {
            in.next();
            return null;
        }
        var start = in.position();
        switch (c) {
            case '[' -> {
                in.next();
                state = State.ARRAY_VALUE;
                return new Token(Type.ARRAY_START, "[", start);
            }
            case '{' -> {
                in.next();
                state = State.MAP_KEY;
                return new Token(Type.MAP_START, "{", start);
            }
            case '.' -> throw ConfigException.at(start, "floats must start with a digit");
            case '\n', '\r' ->
                throw ConfigException.at(start, "expected a value after '" + lastKey + "', got a new line");
            case CharReader.EOF -> throw ConfigException.at(start, "expected a value after '" + lastKey + "'");
            default -> {}
        }
        var token = scalar(c, start);
        state = stack.pop();
        return token;
    }

    /** A scalar value; like nats-server, a quoted or block string is placed at its first character, not its quote. */
    private Token scalar(int c, Position start) {
        if (Chars.isDigit(c)) {
            return scalars.number(start);
        }
        if (c == '-') {
            in.next();
            return scalars.negative(start);
        }
        if (c != '\'' && c != '"' && c != '(') {
            return scalars.bare(start);
        }
        in.next();
        var inside = in.position();
        return switch (c) {
            case '\'' -> scalars.singleQuoted(inside);
            case '"' -> scalars.doubleQuoted(inside);
            default -> scalars.block(inside);
        };
    }

    private Token arrayValue() {
        var c = in.peek();
        if (Chars.isSpace(c)) {
            in.next();
        } else if (isCommentStart(c)) {
            skipComment();
        } else if (c == '/') {
            throw ConfigException.at(in.position(), "unexpected '/' in an array; quote values that start with '/'");
        } else if (c == ',') {
            throw ConfigException.at(in.position(), "unexpected ',' in an array where a value was expected");
        } else if (c == ']') {
            return arrayEnd();
        } else if (c == CharReader.EOF) {
            throw ConfigException.at(in.position(), "unexpected end of file in an array; missing ']'");
        } else {
            stack.push(State.ARRAY_VALUE_END);
            state = State.VALUE;
        }
        return null;
    }

    private Token arrayValueEnd() {
        var c = in.peek();
        if (isCommentStart(c)) {
            skipComment();
        } else if (Chars.isBlank(c)) {
            in.next();
        } else if (c == ',' || c == '/' || Chars.isNewLine(c)) {
            // nats-server takes a lone slash for a separator here.
            in.next();
            state = State.ARRAY_VALUE;
        } else if (c == ']') {
            return arrayEnd();
        } else {
            throw ConfigException.at(
                    in.position(), "expected ',' or ']' after an array value, got " + Chars.describe(c));
        }
        return null;
    }

    private Token arrayEnd() {
        var token = new Token(Type.ARRAY_END, "]", in.position());
        in.next();
        state = stack.pop();
        return token;
    }

    private Token mapKey() {
        var c = in.peek();
        if (Chars.isKeySeparator(c)) {
            throw ConfigException.at(in.position(), "unexpected key separator " + Chars.describe(c));
        } else if (c == ']') {
            throw ConfigException.at(in.position(), "unexpected ']' in a map");
        } else if (Chars.isSpace(c)) {
            in.next();
        } else if (c == '}') {
            return mapEnd();
        } else if (isCommentStart(c)) {
            skipComment();
        } else if (c == '/') {
            throw ConfigException.at(in.position(), "unexpected '/' where a key was expected");
        } else if (c == CharReader.EOF) {
            throw ConfigException.at(in.position(), "unexpected end of file in a map; missing '}'");
        } else {
            return key(true);
        }
        return null;
    }

    private Token mapKeyEnd() {
        var c = in.peek();
        if (Chars.isSpace(c)) {
            in.next();
            return null;
        }
        if (Chars.isKeySeparator(c)) {
            in.next();
        }
        state = State.MAP_VALUE;
        return null;
    }

    private Token mapValue() {
        var c = in.peek();
        if (Chars.isSpace(c)) {
            in.next();
            return null;
        }
        if (c == ',') {
            throw ConfigException.at(in.position(), "expected a value after '" + lastKey + "', got ','");
        }
        if (c == '}') {
            throw ConfigException.at(in.position(), "expected a value after '" + lastKey + "', got '}'");
        }
        stack.push(State.MAP_VALUE_END);
        state = State.VALUE;
        return null;
    }

    private Token mapValueEnd() {
        var c = in.peek();
        if (isCommentStart(c)) {
            skipComment();
        } else if (Chars.isBlank(c)) {
            in.next();
        } else if (c == ',' || c == ';' || c == '/' || Chars.isNewLine(c)) {
            // nats-server takes a lone slash for a separator here.
            in.next();
            state = State.MAP_KEY;
        } else if (c == '}') {
            return mapEnd();
        } else {
            throw ConfigException.at(in.position(), "expected ',' or '}' after a map value, got " + Chars.describe(c));
        }
        return null;
    }

    private Token mapEnd() {
        var token = new Token(Type.MAP_END, "}", in.position());
        in.next();
        state = stack.pop();
        return token;
    }

    /** A key, bare or quoted; a bare {@code include} followed by white space starts an include instead. */
    private Token key(boolean inMap) {
        var start = in.position();
        var c = in.peek();
        if (Chars.isKeySeparator(c)) {
            throw ConfigException.at(start, "unexpected key separator " + Chars.describe(c));
        }
        String text;
        if (c == '"' || c == '\'') {
            in.next();
            start = in.position();
            text = quoted(c, start, "key");
        } else {
            var from = in.offset();
            while (!Chars.isSpace(c) && !Chars.isKeySeparator(c) && c != CharReader.EOF) {
                in.next();
                c = in.peek();
            }
            if (c == CharReader.EOF && inMap) {
                throw ConfigException.at(in.position(), "unexpected end of file in a map key; missing '}'");
            }
            text = in.text(from, in.offset());
            if (Chars.isSpace(c) && text.equalsIgnoreCase("include")) {
                return include(start, inMap);
            }
        }
        lastKey = text;
        state = inMap ? State.MAP_KEY_END : State.TOP_KEY_END;
        return new Token(Type.KEY, text, start);
    }

    private Token include(Position start, boolean inMap) {
        while (Chars.isBlank(in.peek())) {
            in.next();
        }
        var c = in.peek();
        var problem =
                switch (c) {
                    case '[' -> "the start of an array";
                    case '{' -> "the start of a map";
                    case '(' -> "the start of a block";
                    case '\\' -> "an escape sequence";
                    case '\n', '\r' -> "a new line";
                    case CharReader.EOF -> "the end of the file";
                    default -> Chars.isDigit(c) || c == '-' ? "the start of a number" : null;
                };
        if (problem != null) {
            throw ConfigException.at(in.position(), "expected a file name after include, got " + problem);
        }
        String file;
        if (c == '"' || c == '\'') {
            in.next();
            file = quoted(c, start, "include file name");
        } else {
            var from = in.offset();
            while (!includeEnds(in.peek())) {
                in.next();
            }
            file = in.text(from, in.offset());
            if (in.peek() == '\'') {
                in.next();
            }
        }
        state = inMap ? State.MAP_VALUE_END : stack.pop();
        return new Token(Type.INCLUDE, file, start);
    }

    private String quoted(int quote, Position start, String what) {
        var from = in.offset();
        while (in.peek() != quote) {
            if (in.next() == CharReader.EOF) {
                throw ConfigException.at(start, "unterminated quoted " + what + ": no closing " + (char) quote);
            }
        }
        var text = in.text(from, in.offset());
        in.next();
        return text;
    }

    private static boolean includeEnds(int c) {
        return Chars.isNewLine(c) || Chars.isBlank(c) || c == CharReader.EOF || c == ';' || c == '}' || c == '\'';
    }

    private boolean isCommentStart(int c) {
        return c == '#' || (c == '/' && in.peek(1) == '/');
    }

    private void skipComment() {
        while (!Chars.isNewLine(in.peek()) && in.peek() != CharReader.EOF) {
            in.next();
        }
    }
}
