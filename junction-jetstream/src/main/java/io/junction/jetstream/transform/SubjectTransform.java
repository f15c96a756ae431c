package io.junction.jetstream.transform;

import io.junction.jetstream.transform.DestinationToken.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A subject transform of nats-server 2.10: a source pattern with {@code *} and {@code >} wildcards and a destination
 * whose tokens are literals or mapping functions of the source's wildcard tokens ({@code $n},
 * {@code {{wildcard(n)}}}, {@code {{partition(k,n...)}}}, {@code {{split(n,delimiter)}}},
 * {@code {{splitFromLeft(n,position)}}}, {@code {{splitFromRight(n,position)}}}, {@code {{sliceFromLeft(n,size)}}},
 * {@code {{sliceFromRight(n,size)}}}, {@code {{left(n,length)}}}, {@code {{right(n,length)}}}).
 *
 * <p>Immutable and safe to share between threads. {@link #compile} fails with nats-server's error text;
 * {@link #match} never fails.
 */
public final class SubjectTransform {
    private static final String ALL = ">";
    private static final String ANY = "*";

    private final String source;
    private final String destination;
    private final String[] sourceTokens;
    private final List<DestinationToken> tokens;

    private SubjectTransform(String source, String destination, String[] sourceTokens, List<DestinationToken> tokens) {
        this.source = source;
        this.destination = destination;
        this.sourceTokens = sourceTokens;
        this.tokens = tokens;
    }

    /**
     * Builds the transform as nats-server's {@code NewSubjectTransform} does: an empty source means {@code >}; an
     * empty destination means no transform (null).
     *
     * @throws TransformException with nats-server's error text when the source or the destination is not valid
     */
    public static SubjectTransform compile(String source, String destination) {
        if (destination == null || destination.isEmpty()) {
            return null;
        }
        var from = source == null || source.isEmpty() ? ALL : source;
        var sourceInfo = SubjectInfo.of(from);
        var destinationInfo = SubjectInfo.of(destination);
        if (!sourceInfo.valid()
                || !destinationInfo.valid()
                || destinationInfo.partialWildcards() > 0
                || sourceInfo.fullWildcard() != destinationInfo.fullWildcard()) {
            throw TransformException.badSubject();
        }
        var functions = new ArrayList<DestinationToken>();
        if (sourceInfo.partialWildcards() > 0 || sourceInfo.fullWildcard()) {
            var positions = wildcardPositions(sourceInfo.tokens());
            for (var text : destinationInfo.tokens()) {
                functions.add(resolve(Placeholders.read(text), positions, sourceInfo.partialWildcards()));
            }
        } else {
            // without wildcards in the source the destination is literal: functions would have nothing to read
            for (var text : destinationInfo.tokens()) {
                if (Placeholders.read(text).kind() != Kind.LITERAL) {
                    throw TransformException.destination("wildcard index out of range", text);
                }
            }
        }
        return new SubjectTransform(from, destination, sourceInfo.tokens(), List.copyOf(functions));
    }

    public String source() {
        return source;
    }

    public String destination() {
        return destination;
    }

    /**
     * A pattern that matches every subject the transform can give: literal tokens kept, a function's token as
     * {@code *}, and {@code >} from the first function that may give several tokens (split and slice).
     */
    public String destinationPattern() {
        if (tokens.isEmpty()) {
            return destination;
        }
        var out = new ArrayList<String>();
        for (var token : tokens) {
            switch (token.kind()) {
                case LITERAL -> out.add(token.text());
                case WILDCARD, PARTITION, LEFT, RIGHT -> out.add(ANY);
                case SPLIT, SPLIT_FROM_LEFT, SPLIT_FROM_RIGHT, SLICE_FROM_LEFT, SLICE_FROM_RIGHT -> out.add(ALL);
            }
            if (out.getLast().equals(ALL)) {
                break;
            }
        }
        return String.join(".", out);
    }

    /**
     * The transformed subject, or null when the subject does not match the source pattern or is not a literal
     * subject.
     */
    public String match(String subject) {
        if (source.equals(ALL) && destination.equals(ALL)) {
            return subject;
        }
        var subjectTokens = subject.split("\\.", -1);
        if (!isLiteral(subjectTokens) || !matches(subjectTokens, sourceTokens)) {
            return null;
        }
        return transform(subjectTokens);
    }

    private String transform(String[] subjectTokens) {
        if (tokens.isEmpty()) {
            return destination;
        }
        var out = new StringBuilder(destination.length() + 16);
        var last = tokens.size() - 1;
        for (var i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            if (token.kind() == Kind.LITERAL && token.text().equals(ALL)) {
                break;
            }
            Functions.append(out, token, subjectTokens);
            if (i < last) {
                out.append('.');
            }
        }
        if (tokens.get(last).text().equals(ALL)) {
            for (var i = sourceTokens.length - 1; i < subjectTokens.length; i++) {
                out.append(subjectTokens[i]);
                if (i < subjectTokens.length - 1) {
                    out.append('.');
                }
            }
        }
        return out.toString();
    }

    /**
     * nats-server's hash partition: FNV-1a (32 bits) of the key's bytes (one per char of the wire form), modulo the
     * partition count.
     */
    static String partition(String key, int partitions) {
        var hash = 0x811c9dc5;
        for (var i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i) & 0xff;
            hash *= 0x01000193;
        }
        var buckets = Integer.toUnsignedLong(partitions);
        if (buckets == 0) {
            return "0";
        }
        return Long.toString(Integer.toUnsignedLong(hash) % buckets);
    }

    /** Replaces the 1-based wildcard indexes as written by the positions of those wildcards in the source. */
    private static DestinationToken resolve(
            DestinationToken token, HashMap<Integer, Integer> positions, int partialWildcards) {
        if (token.kind() == Kind.LITERAL) {
            return token;
        }
        if (partialWildcards == 0) {
            throw TransformException.destination("wildcard index out of range", token.text());
        }
        var resolved = new ArrayList<Integer>();
        for (var index : token.wildcards()) {
            if (index > partialWildcards) {
                throw TransformException.destination("wildcard index out of range", token.text() + ": [" + index + "]");
            }
            // an index below 1 names no wildcard; nats-server then reads the subject's first token
            resolved.add(positions.getOrDefault(index, 0));
        }
        return token.resolved(resolved);
    }

    private static HashMap<Integer, Integer> wildcardPositions(String[] sourceTokens) {
        var positions = new HashMap<Integer, Integer>();
        for (var i = 0; i < sourceTokens.length; i++) {
            if (sourceTokens[i].equals(ANY)) {
                positions.put(positions.size() + 1, i);
            }
        }
        return positions;
    }

    private static boolean isLiteral(String[] subjectTokens) {
        for (var token : subjectTokens) {
            if (token.isEmpty() || token.equals(ANY) || token.equals(ALL)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String[] subjectTokens, String[] pattern) {
        for (var i = 0; i < pattern.length; i++) {
            if (pattern[i].equals(ALL)) {
                return subjectTokens.length > i;
            }
            if (i >= subjectTokens.length) {
                return false;
            }
            if (!pattern[i].equals(ANY) && !pattern[i].equals(subjectTokens[i])) {
                return false;
            }
        }
        return subjectTokens.length == pattern.length;
    }

    @Override
    public String toString() {
        return source + " -> " + destination;
    }
}
