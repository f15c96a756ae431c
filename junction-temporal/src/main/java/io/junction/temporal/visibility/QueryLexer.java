package io.junction.temporal.visibility;

import io.junction.temporal.visibility.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits a list filter into tokens with the quoting rules of Temporal's MySQL-dialect parser. */
final class QueryLexer {
    private final String query;
    private int position;

    private QueryLexer(String query) {
        this.query = query;
    }

    static List<Token> tokens(String query) {
        var lexer = new QueryLexer(query);
        var tokens = new ArrayList<Token>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private Token next() {
        while (position < query.length() && Character.isWhitespace(query.charAt(position))) {
            position++;
        }
        if (position >= query.length()) {
            return new Token(Kind.END, "", query.length());
        }
        var c = query.charAt(position);
        if (Character.isLetter(c) || c == '_') {
            return identifier();
        }
        if (Character.isDigit(c) || (c == '.' && position + 1 < query.length() && isDigit(position + 1))) {
            return number();
        }
        return switch (c) {
            case '\'', '"' -> quoted(Kind.STRING, c);
            case '`' -> quoted(Kind.QUOTED_IDENTIFIER, c);
            case '(', ')', ',', '=', '-' -> operator(1);
            case '<' -> operator(peek(1) == '=' || peek(1) == '>' ? 2 : 1);
            case '>' -> operator(peek(1) == '=' ? 2 : 1);
            case '!' -> {
                if (peek(1) != '=') {
                    throw syntaxError(position + 1, String.valueOf(c));
                }
                yield operator(2);
            }
            default -> throw syntaxError(position + 1, String.valueOf(c));
        };
    }

    private Token identifier() {
        var start = position;
        while (position < query.length()
                && (Character.isLetterOrDigit(query.charAt(position)) || query.charAt(position) == '_')) {
            position++;
        }
        return new Token(Kind.IDENTIFIER, query.substring(start, position), position);
    }

    private Token number() {
        var start = position;
        while (position < query.length() && isDigit(position)) {
            position++;
        }
        if (peek(0) == '.') {
            position++;
            while (position < query.length() && isDigit(position)) {
                position++;
            }
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (isDigit(position + 1) || ((peek(1) == '+' || peek(1) == '-') && isDigit(position + 2)))) {
            position += 2;
            while (position < query.length() && isDigit(position)) {
                position++;
            }
        }
        if (position < query.length() && (Character.isLetter(peek(0)) || peek(0) == '_')) {
            identifier();
            throw syntaxError(position, query.substring(start, position));
        }
        return new Token(Kind.NUMBER, query.substring(start, position), position);
    }

    private Token quoted(Kind kind, char quote) {
        var start = position;
        var text = new StringBuilder();
        position++;
        while (position < query.length()) {
            var c = query.charAt(position++);
            if (c == quote) {
                if (peek(0) != quote) {
                    return new Token(kind, text.toString(), position);
                }
                position++;
                text.append(quote);
            } else if (c == '\\' && kind == Kind.STRING && position < query.length()) {
                text.append(unescape(query.charAt(position++)));
            } else {
                text.append(c);
            }
        }
        throw syntaxError(query.length(), query.substring(start));
    }

    private Token operator(int length) {
        position += length;
        var text = query.substring(position - length, position);
        return new Token(Kind.OPERATOR, text.equals("<>") ? "!=" : text, position);
    }

    private static char unescape(char c) {
        return switch (c) {
            case '0' -> '\0';
            case 'b' -> '\b';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'Z' -> (char) 26;
            default -> c;
        };
    }

    private char peek(int offset) {
        var index = position + offset;
        return index < query.length() ? query.charAt(index) : '\0';
    }

    private boolean isDigit(int index) {
        return index < query.length() && Character.isDigit(query.charAt(index)) && query.charAt(index) < 128;
    }

    static InvalidQueryException syntaxError(int position, String near) {
        var detail = "syntax error at position " + position;
        return InvalidQueryException.malformed(near.isEmpty() ? detail : detail + " near '" + near + "'");
    }
}
