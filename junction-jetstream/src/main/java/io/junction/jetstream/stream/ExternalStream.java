package io.junction.jetstream.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * nats-server's {@code external} of a mirror or source: the API prefix of the JetStream that holds the origin, and
 * the prefix its deliveries come back under. Both are kept as given, empty when not.
 */
public record ExternalStream(String api, String deliver) {
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int HASH_LENGTH = 8;

    public ExternalStream {
        api = api == null ? "" : api;
        deliver = deliver == null ? "" : deliver;
    }

    /**
     * The suffix nats-server puts after the origin's name in the index name and the {@code Nats-Stream-Source}
     * header, so that one stream name in two domains makes two sources: eight characters of the SHA-256 of the API
     * prefix's bytes (one per char of the wire form).
     */
    String hash() {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(api.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        var hash = new StringBuilder(HASH_LENGTH);
        for (var i = 0; i < HASH_LENGTH; i++) {
            hash.append(DIGITS.charAt((digest[i] & 0xff) % DIGITS.length()));
        }
        return hash.toString();
    }
}
