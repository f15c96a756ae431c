package io.junction.nats.config;

import java.util.Locale;
import java.util.Map;

/**
 * nats-server's two, different, readings of sizes.
 *
 * <p>A bare number may carry a suffix, any case: {@code k m g t p e} multiply by powers of 1000 and {@code kb ki kib},
 * {@code mb mi mib} and so on by powers of 1024, so {@code 1G} is 10^9 and {@code 1GB} or {@code 1GiB} is 2^30.
 * JetStream limits also take a quoted string whose last letter is {@code K M G T}, upper case only, read as powers of
 * 1024: {@code "1G"} is 2^30.
 */
final class Sizes {
    private static final Map<String, Long> SUFFIXES = suffixes();
    private static final Map<Character, Integer> STRING_SHIFTS = Map.of('K', 10, 'M', 20, 'G', 30, 'T', 40);

    private Sizes() {}

    /**
     * The value of an integer token such as {@code 42}, {@code -1} or {@code 10Gb}.
     *
     * @throws ConfigException when the digits are not a 64-bit integer, the suffix is unknown or the result overflows
     */
    static long integer(String text, Position position) {
        var digitsEnd = 0;
        while (digitsEnd < text.length() && (Chars.isDigit(text.charAt(digitsEnd)) || text.charAt(digitsEnd) == '-')) {
            digitsEnd++;
        }
        var number = asciiLong(text.substring(0, digitsEnd), text, position);
        var suffix = text.substring(digitsEnd).strip().toLowerCase(Locale.ROOT);
        var multiplier = SUFFIXES.get(suffix);
        if (multiplier == null) {
            throw ConfigException.at(position, "unknown size suffix '" + suffix + "' in '" + text + "'");
        }
        try {
            return Math.multiplyExact(number, multiplier);
        } catch (ArithmeticException e) {
            throw ConfigException.at(position, "integer '" + text + "' is out of range");
        }
    }

    /**
     * A JetStream storage size written as a string: empty for 0, or digits followed by one of {@code K M G T}.
     *
     * @throws IllegalArgumentException with the reason when the string is not such a size
     */
    static long storageString(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        var shift = STRING_SHIFTS.get(text.charAt(text.length() - 1));
        var digits = text.substring(0, text.length() - 1);
        if (!digits.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("'" + digits + "' is not an integer");
        }
        if (shift == null) {
            throw new IllegalArgumentException("sizes defined as strings must end in K, M, G, T");
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
    }

    private static long asciiLong(String digits, String text, Position position) {
        if (!digits.matches("-?[0-9]+")) {
            throw ConfigException.at(position, "expected an integer, got '" + text + "'");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw ConfigException.at(position, "integer '" + text + "' is out of range");
        }
    }

    private static Map<String, Long> suffixes() {
        var map = new java.util.HashMap<String, Long>();
        map.put("", 1L);
        var letters = "kmgtpe";
        for (var i = 0; i < letters.length(); i++) {
            var letter = String.valueOf(letters.charAt(i));
            var decimal = 1L;
            for (var power = 0; power <= i; power++) {
                decimal *= 1000;
            }
            var binary = 1L << (10 * (i + 1));
            map.put(letter, decimal);
            map.put(letter + "b", binary);
            map.put(letter + "i", binary);
            map.put(letter + "ib", binary);
        }
        return Map.copyOf(map);
    }
}
