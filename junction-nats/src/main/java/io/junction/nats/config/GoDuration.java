package io.junction.nats.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which nats-server uses for every duration string: a sign, then one or more
 * decimal numbers each with a unit ({@code ns us µs ms s m h}), as in {@code 300ms}, {@code -1.5h} or {@code 2h45m}.
 * A lone {@code 0} needs no unit.
 */
final class GoDuration {
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);

    private GoDuration() {}

    /**
     * The duration the text stands for.
     *
     * @throws IllegalArgumentException with Go's message, such as {@code time: missing unit in duration "1"}
     */
    static Duration parse(String text) {
        var i = 0;
        var negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i++;
        }
        if (text.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == text.length()) {
            throw invalid(text);
        }
        var total = BigDecimal.ZERO;
        while (i < text.length()) {
            var numberStart = i;
            i = skipDigits(text, i);
            var integerPart = text.substring(numberStart, i);
            var fraction = "";
            if (i < text.length() && text.charAt(i) == '.') {
                var fractionStart = ++i;
                i = skipDigits(text, i);
                fraction = text.substring(fractionStart, i);
            }
            if (integerPart.isEmpty() && fraction.isEmpty()) {
                throw invalid(text);
            }
            var unitStart = i;
            while (i < text.length() && text.charAt(i) != '.' && !isDigit(text.charAt(i))) {
                i++;
            }
            total = total.add(term(text, integerPart, fraction, text.substring(unitStart, i)));
        }
        var nanos = (negative ? total.negate() : total).toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0 || nanos.compareTo(MIN_NANOS) < 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static BigDecimal term(String text, String integerPart, String fraction, String unit) {
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
        }
        var nanos = UNIT_NANOS.get(unit);
        if (nanos == null) {
            throw new IllegalArgumentException("time: unknown unit " + quote(unit) + " in duration " + quote(text));
        }
        var number = new BigDecimal((integerPart.isEmpty() ? "0" : integerPart) + "." + fraction + "0");
        return number.multiply(BigDecimal.valueOf(nanos));
    }

    private static int skipDigits(String text, int from) {
        var i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
