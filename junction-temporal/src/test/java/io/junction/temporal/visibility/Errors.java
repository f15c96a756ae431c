package io.junction.temporal.visibility;

/** The message a query is refused with, or null when it parses. */
final class Errors {
    private Errors() {}

    static String of(String query) {
        try {
            ListQuery.parse(query, SearchAttributeRegistry.withDevServerDefaults());
            return null;
        } catch (InvalidQueryException e) {
            return e.getMessage();
        }
    }
}
