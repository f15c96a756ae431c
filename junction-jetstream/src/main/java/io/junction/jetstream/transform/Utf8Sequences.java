package io.junction.jetstream.transform;

import java.util.ArrayList;

/**
 * A wire-form string (one char per byte) cut into its UTF-8 characters as Go's {@code strings.Split} cuts with an
 * empty separator: each valid sequence is one part, and each byte that does not start one is a part of its own.
 */
final class Utf8Sequences {
    private Utf8Sequences() {}

    static String[] split(String wire) {
        var parts = new ArrayList<String>();
        var i = 0;
        while (i < wire.length()) {
            var length = sequenceLength(wire, i);
            parts.add(wire.substring(i, i + length));
            i += length;
        }
        return parts.toArray(String[]::new);
    }

    /** The length of the valid sequence at the index, with Go's limits on the second byte; 1 when there is none. */
    private static int sequenceLength(String wire, int at) {
        var lead = wire.charAt(at);
        int length;
        int low = 0x80;
        int high = 0xbf;
        if (lead < 0xc2 || lead > 0xf4) {
            return 1;
        } else if (lead < 0xe0) {
            length = 2;
        } else if (lead < 0xf0) {
            length = 3;
            low = lead == 0xe0 ? 0xa0 : low;
            high = lead == 0xed ? 0x9f : high;
        } else {
            length = 4;
            low = lead == 0xf0 ? 0x90 : low;
            high = lead == 0xf4 ? 0x8f : high;
        }
        if (at + length > wire.length()) {
            return 1;
        }
        for (var i = 1; i < length; i++) {
            var c = wire.charAt(at + i);
            if (c < (i == 1 ? low : 0x80) || c > (i == 1 ? high : 0xbf)) {
                return 1;
            }
        }
        return length;
    }
}
