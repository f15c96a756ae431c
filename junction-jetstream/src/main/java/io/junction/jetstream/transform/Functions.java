package io.junction.jetstream.transform;

import java.util.ArrayList;

/**
 * Writes one destination token for a subject, as nats-server 2.10's mapping functions do. Positions and sizes count
 * bytes of the token, as Go's string indexes do: subjects here are in the wire form, one char per byte.
 */
final class Functions {
    private Functions() {}

    static void append(StringBuilder out, DestinationToken token, String[] subject) {
        switch (token.kind()) {
            case LITERAL -> out.append(token.text());
            case WILDCARD -> {
                var position = token.wildcards().getFirst();
                if (position < subject.length) {
                    out.append(subject[position]);
                }
            }
            case PARTITION -> {
                var key = new StringBuilder();
                token.wildcards().forEach(position -> key.append(subject[position]));
                out.append(SubjectTransform.partition(key.toString(), token.number()));
            }
            case SPLIT_FROM_LEFT -> splitAt(out, source(token, subject), token.number(), false);
            case SPLIT_FROM_RIGHT -> splitAt(out, source(token, subject), token.number(), true);
            case SLICE_FROM_LEFT -> sliceFromLeft(out, source(token, subject), token.number());
            case SLICE_FROM_RIGHT -> sliceFromRight(out, source(token, subject), token.number());
            case SPLIT -> split(out, source(token, subject), token.delimiter());
            case LEFT -> keep(out, source(token, subject), token.number(), false);
            case RIGHT -> keep(out, source(token, subject), token.number(), true);
        }
    }

    private static String source(DestinationToken token, String[] subject) {
        return subject[token.wildcards().getFirst()];
    }

    /** Two tokens cut at the position from the left or the right; a token too short to cut is left whole. */
    private static void splitAt(StringBuilder out, String token, int position, boolean fromRight) {
        if (position <= 0 || position >= token.length()) {
            out.append(text(token, 0, token.length()));
            return;
        }
        var cut = fromRight ? token.length() - position : position;
        out.append(text(token, 0, cut)).append('.').append(text(token, cut, token.length()));
    }

    /** Slices of the size from the left, the remainder last. */
    private static void sliceFromLeft(StringBuilder out, String token, int size) {
        if (size <= 0 || size >= token.length()) {
            out.append(text(token, 0, token.length()));
            return;
        }
        for (var i = 0; i + size <= token.length(); i += size) {
            if (i != 0) {
                out.append('.');
            }
            out.append(text(token, i, i + size));
            if (i + size != token.length() && i + size + size > token.length()) {
                out.append('.').append(text(token, i + size, token.length()));
                break;
            }
        }
    }

    /** Slices of the size from the right, the remainder first. */
    private static void sliceFromRight(StringBuilder out, String token, int size) {
        if (size <= 0 || size >= token.length()) {
            out.append(text(token, 0, token.length()));
            return;
        }
        var remainder = token.length() % size;
        if (remainder > 0) {
            out.append(text(token, 0, remainder)).append('.');
        }
        for (var i = remainder; i + size <= token.length(); i += size) {
            out.append(text(token, i, i + size));
            if (i + size < token.length()) {
                out.append('.');
            }
        }
    }

    /** The token's parts between delimiters as tokens; empty parts are dropped, as nats-server drops them. */
    private static void split(StringBuilder out, String token, String delimiter) {
        var parts = parts(token, delimiter);
        for (var j = 0; j < parts.length; j++) {
            var part = parts[j];
            if (!part.isEmpty()) {
                out.append(part);
            }
            if (j < parts.length - 1 && !parts[j + 1].isEmpty() && !(j == 0 && part.isEmpty())) {
                out.append('.');
            }
        }
    }

    /** Go's {@code strings.Split}: every occurrence cuts; an empty delimiter cuts between UTF-8 characters. */
    private static String[] parts(String text, String delimiter) {
        if (delimiter.isEmpty()) {
            return Utf8Sequences.split(text);
        }
        var parts = new ArrayList<String>();
        var start = 0;
        var at = text.indexOf(delimiter);
        while (at >= 0) {
            parts.add(text.substring(start, at));
            start = at + delimiter.length();
            at = text.indexOf(delimiter, start);
        }
        parts.add(text.substring(start));
        return parts.toArray(String[]::new);
    }

    /** The first or last bytes of the token; a token not longer than that is kept whole. */
    private static void keep(StringBuilder out, String token, int length, boolean fromRight) {
        if (length <= 0 || length >= token.length()) {
            out.append(text(token, 0, token.length()));
            return;
        }
        out.append(fromRight ? text(token, token.length() - length, token.length()) : text(token, 0, length));
    }

    private static String text(String token, int from, int to) {
        return token.substring(from, to);
    }
}
