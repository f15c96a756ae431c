package io.junction.jetstream.transform;

import io.junction.jetstream.transform.DestinationToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one destination token as nats-server 2.10 does: the legacy {@code $n}, a mustache function such as
 * {@code {{wildcard(1)}}} or {@code {{partition(3,1,2)}}} (names in any case of their first letters, spaces allowed
 * around the name and the arguments), or a literal.
 */
final class Placeholders {
    static final String NOT_ENOUGH_ARGS = "not enough arguments passed to the function";
    static final String TOO_MANY_ARGS = "too many arguments passed to the function";
    static final String INVALID_ARG = "function argument is invalid or in the wrong format";
    static final String UNKNOWN_FUNCTION = "unknown function";

    private static final Pattern ARGUMENT_SEPARATOR = Pattern.compile(",\\s*");
    private static final Pattern WILDCARD = function("[wW]ildcard");
    private static final Pattern PARTITION = function("[pP]artition");
    private static final Pattern SPLIT_FROM_LEFT = function("[sS]plit[fF]rom[lL]eft");
    private static final Pattern SPLIT_FROM_RIGHT = function("[sS]plit[fF]rom[rR]ight");
    private static final Pattern SLICE_FROM_LEFT = function("[sS]lice[fF]rom[lL]eft");
    private static final Pattern SLICE_FROM_RIGHT = function("[sS]lice[fF]rom[rR]ight");
    private static final Pattern SPLIT = function("[sS]plit");
    private static final Pattern LEFT = function("[lL]eft");
    private static final Pattern RIGHT = function("[rR]ight");

    /** The functions a source's transform destination may name, in nats-server 2.10's destination check. */
    static final List<Pattern> SOURCE_DESTINATION_FUNCTIONS =
            List.of(PARTITION, WILDCARD, SPLIT_FROM_LEFT, SPLIT_FROM_RIGHT, SLICE_FROM_LEFT, SLICE_FROM_RIGHT, SPLIT);

    private Placeholders() {}

    /** Whether the token has the {@code {{...}}} form of a mapping function. */
    static boolean isMustache(String token) {
        var length = token.length();
        return length > 4 && token.startsWith("{{") && token.endsWith("}}");
    }

    /** The token's kind and arguments; wildcard arguments are still the 1-based indexes as written. */
    static DestinationToken read(String token) {
        if (token.length() > 1 && token.charAt(0) == '$') {
            // "$" followed by something else than a number is left as it is: other features use such tokens
            var index = parse(token.substring(1));
            return index == null ? DestinationToken.literal(token) : function(Kind.WILDCARD, token, List.of(index));
        }
        if (!isMustache(token)) {
            return DestinationToken.literal(token);
        }
        var args = arguments(WILDCARD, token);
        if (args != null) {
            if (args.size() == 1 && args.getFirst().isEmpty()) {
                throw TransformException.destination(NOT_ENOUGH_ARGS, token);
            }
            if (args.size() > 1) {
                throw TransformException.destination(TOO_MANY_ARGS, token);
            }
            return function(Kind.WILDCARD, token, List.of(integer(args.getFirst(), token)));
        }
        args = arguments(PARTITION, token);
        if (args != null) {
            return partition(args, token);
        }
        for (var candidate : List.of(
                new Candidate(SPLIT_FROM_LEFT, Kind.SPLIT_FROM_LEFT),
                new Candidate(SPLIT_FROM_RIGHT, Kind.SPLIT_FROM_RIGHT),
                new Candidate(SLICE_FROM_LEFT, Kind.SLICE_FROM_LEFT),
                new Candidate(SLICE_FROM_RIGHT, Kind.SLICE_FROM_RIGHT),
                new Candidate(RIGHT, Kind.RIGHT),
                new Candidate(LEFT, Kind.LEFT))) {
            args = arguments(candidate.pattern(), token);
            if (args != null) {
                return indexAndNumber(candidate.kind(), args, token);
            }
        }
        args = arguments(SPLIT, token);
        if (args != null) {
            return split(args, token);
        }
        throw TransformException.destination(UNKNOWN_FUNCTION, token);
    }

    private static DestinationToken partition(List<String> args, String token) {
        if (args.size() < 2) {
            throw TransformException.destination(NOT_ENOUGH_ARGS, token);
        }
        var partitions = integer(args.getFirst(), token);
        var wildcards = new ArrayList<Long>();
        for (var arg : args.subList(1, args.size())) {
            wildcards.add(integer(arg, token));
        }
        return new DestinationToken(Kind.PARTITION, token, indexes(wildcards), (int) partitions, "");
    }

    private static DestinationToken indexAndNumber(Kind kind, List<String> args, String token) {
        if (args.size() < 2) {
            throw TransformException.destination(NOT_ENOUGH_ARGS, token);
        }
        if (args.size() > 2) {
            throw TransformException.destination(TOO_MANY_ARGS, token);
        }
        var index = integer(args.get(0), token);
        var number = integer(args.get(1), token);
        return new DestinationToken(kind, token, indexes(List.of(index)), (int) number, "");
    }

    private static DestinationToken split(List<String> args, String token) {
        if (args.size() < 2) {
            throw TransformException.destination(NOT_ENOUGH_ARGS, token);
        }
        if (args.size() > 2) {
            throw TransformException.destination(TOO_MANY_ARGS, token);
        }
        var index = integer(args.get(0), token);
        var delimiter = args.get(1);
        if (delimiter.contains(" ") || delimiter.contains(".")) {
            throw TransformException.destination(INVALID_ARG, token);
        }
        return new DestinationToken(Kind.SPLIT, token, indexes(List.of(index)), -1, delimiter);
    }

    private static DestinationToken function(Kind kind, String token, List<Long> wildcards) {
        return new DestinationToken(kind, token, indexes(wildcards), -1, "");
    }

    /**
     * Indexes kept as written; one beyond an int is kept as the largest int, which is out of range of any source
     * pattern just as it is in nats-server.
     */
    private static List<Integer> indexes(List<Long> values) {
        return values.stream()
                .map(value -> (int) Math.clamp(value, Integer.MIN_VALUE, Integer.MAX_VALUE))
                .toList();
    }

    /** The function's arguments split at commas, or null when the token does not name this function. */
    private static List<String> arguments(Pattern function, String token) {
        var matcher = function.matcher(token);
        if (!matcher.find()) {
            return null;
        }
        return List.of(ARGUMENT_SEPARATOR.split(matcher.group(1), -1));
    }

    private static long integer(String arg, String token) {
        var value = parse(trimSpaces(arg));
        if (value == null) {
            throw TransformException.destination(INVALID_ARG, token);
        }
        return value;
    }

    /** nats-server trims only spaces around an argument, not other white space. */
    private static String trimSpaces(String arg) {
        var start = 0;
        var end = arg.length();
        while (start < end && arg.charAt(start) == ' ') {
            start++;
        }
        while (end > start && arg.charAt(end - 1) == ' ') {
            end--;
        }
        return arg.substring(start, end);
    }

    /** Go's {@code strconv.Atoi}: an optional sign and decimal digits only. */
    private static Long parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        var start = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            return null;
        }
        for (var i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Pattern function(String name) {
        return Pattern.compile("\\{\\{\\s*" + name + "\\s*\\((.*)\\)\\s*}}");
    }

    private record Candidate(Pattern pattern, Kind kind) {}
}
