package io.junction.jetstream.transform;

/** nats-server 2.10's {@code ValidateMappingDestination}, the check of a source's transform destinations. */
public final class MappingDestinations {
    private MappingDestinations() {}

    /**
     * Whether the destination may be used by a stream source: empty, or tokens that are not empty, none after
     * {@code >}, a known function (2.10 knows no {@code left}/{@code right} here) or a token without white space.
     */
    public static boolean isValid(String destination) {
        if (destination == null || destination.isEmpty()) {
            return true;
        }
        var full = false;
        for (var token : destination.split("\\.", -1)) {
            if (token.isEmpty() || full) {
                return false;
            }
            if (Placeholders.isMustache(token)) {
                if (Placeholders.SOURCE_DESTINATION_FUNCTIONS.stream()
                        .noneMatch(function -> function.matcher(token).find())) {
                    return false;
                }
                continue;
            }
            if (token.equals(">")) {
                full = true;
            } else if (token.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ')) {
                return false;
            }
        }
        return true;
    }
}
