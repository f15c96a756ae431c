package io.junction.jetstream.event;

import java.security.SecureRandom;

/**
 * Unique ids in the NATS nuid form: 22 base-62 characters, a random 12-character prefix and a 10-character sequence
 * that grows by a random step, with a new prefix when the sequence runs out. Thread-safe; advisories are rare enough
 * for one lock.
 */
public final class Nuid {
    private static final char[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int PREFIX_LENGTH = 12;
    private static final int SEQUENCE_LENGTH = 10;
    private static final long MAX_SEQUENCE = 839_299_365_868_340_224L; // 62^10
    private static final long MIN_INCREMENT = 33;
    private static final long MAX_INCREMENT = 333;

    private final SecureRandom random = new SecureRandom();
    private final char[] prefix = new char[PREFIX_LENGTH];
    private long sequence;
    private long increment;

    public Nuid() {
        newPrefix();
    }

    public synchronized String next() {
        sequence += increment;
        if (sequence >= MAX_SEQUENCE) {
            newPrefix();
        }
        var id = new char[PREFIX_LENGTH + SEQUENCE_LENGTH];
        System.arraycopy(prefix, 0, id, 0, PREFIX_LENGTH);
        var rest = sequence;
        for (var i = id.length - 1; i >= PREFIX_LENGTH; i--) {
            id[i] = DIGITS[(int) (rest % DIGITS.length)];
            rest /= DIGITS.length;
        }

        return new String(id);
    }

    private void newPrefix() {
        for (var i = 0; i < PREFIX_LENGTH; i++) {
            prefix[i] = DIGITS[random.nextInt(DIGITS.length)];
        }
        sequence = random.nextLong(MAX_SEQUENCE / 2);
        increment = MIN_INCREMENT + random.nextLong(MAX_INCREMENT - MIN_INCREMENT);
    }
}
