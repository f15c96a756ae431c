package io.junction.jetstream.api;

/**
 * One JetStream API request: the subject's tokens after {@code $JS.API.}, the reply subject and the body.
 */
public record ApiRequest(String subject, String[] tokens, String reply, byte[] headers, byte[] body) {
    /** The token at this index, or null past the end. */
    public String token(int index) {
        return index < tokens.length ? tokens[index] : null;
    }

    /** Tokens from this index on, joined with dots (a subject that followed the stream name). */
    public String rest(int from) {
        return from >= tokens.length
                ? null
                : String.join(".", java.util.Arrays.copyOfRange(tokens, from, tokens.length));
    }
}
