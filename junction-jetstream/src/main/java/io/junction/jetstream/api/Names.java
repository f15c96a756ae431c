package io.junction.jetstream.api;

/**
 * nats-server's rule for stream and consumer names: not empty, and none of space, tab, CR, LF, form feed, {@code .},
 * {@code *} or {@code >}. Anything else is allowed, UTF-8 and control characters included, as Go's
 * {@code strings.ContainsAny} checks only those; path separators are refused separately, by their own errors.
 */
public final class Names {
    private static final String FORBIDDEN = " \t\r\n\f.*>";

    private Names() {}

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (var i = 0; i < name.length(); i++) {
            if (FORBIDDEN.indexOf(name.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
