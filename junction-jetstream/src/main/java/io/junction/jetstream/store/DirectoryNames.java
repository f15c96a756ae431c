package io.junction.jetstream.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The directory a stream or consumer is kept in, named for it.
 *
 * <p>An ASCII name is the directory's name, as nats-server lays it out and as every earlier Junction store has it.
 * A name with other bytes (in the wire form, one char per byte) would be written as whatever the JVM's file name
 * encoding makes of it, which depends on the locale it runs in; instead each such byte is written as {@code .} and
 * two hex digits, after {@code utf8-} so that the directory is not hidden ({@code ördër} as
 * {@code utf8-.c3.b6rd.c3.abr}). Names never hold a {@code .}, so this never meets an ASCII name, and it is the same
 * whatever the locale. Where that would pass a file system's 255-byte limit, the directory takes the first part of
 * it, {@code .h} and the SHA-256 of the name. The name itself is kept in the directory's {@code meta.state}, which is
 * what recovery reads.
 */
public final class DirectoryNames {
    private static final String PREFIX = "utf8-";
    private static final int MAX_LENGTH = 255;
    private static final int KEPT_BEFORE_HASH = MAX_LENGTH - 2 - 64;
    private static final HexFormat HEX = HexFormat.of();

    private DirectoryNames() {}

    public static String of(String name) {
        if (name.chars().allMatch(c -> c < 0x80)) {
            return name;
        }
        var escaped = new StringBuilder(PREFIX.length() + name.length() * 2).append(PREFIX);
        for (var i = 0; i < name.length(); i++) {
            var c = name.charAt(i);
            if (c < 0x80) {
                escaped.append(c);
            } else {
                escaped.append('.').append(HEX.toHexDigits((byte) c));
            }
        }
        if (escaped.length() <= MAX_LENGTH) {
            return escaped.toString();
        }
        var cut = KEPT_BEFORE_HASH;
        // an escape is not cut in two, so the prefix still reads as the name's first bytes
        while (escaped.charAt(cut - 1) == '.' || escaped.charAt(cut - 2) == '.') {
            cut--;
        }
        return escaped.substring(0, cut) + ".h" + HEX.formatHex(sha256(name));
    }

    private static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
