package io.junction.nats.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The parser sees the same operations however the bytes are split, and never fails on garbage but by refusing. */
class ProtocolParserPropertyTest {
    private static final List<String> OPERATIONS = List.of(
            "PUB foo 5\r\nhello\r\n",
            "PUB foo.bar reply.to 0\r\n\r\n",
            "HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n",
            "HPUB foo r 22 24\r\nNATS/1.0\r\nKey: Val\r\n\r\nhi\r\n",
            "SUB foo.* 1\r\n",
            "SUB foo.> workers 22\r\n",
            "UNSUB 22\r\n",
            "UNSUB 1 10\r\n",
            "PING\r\n",
            "pong\r\n",
            "CONNECT {\"verbose\":false,\"headers\":true}\r\n");

    @Property(tries = 300)
    void seesTheSameOperationsWhateverTheSplit(
            @ForAll("streams") List<String> operations,
            @ForAll @Size(max = 20) List<@IntRange(max = 400) Integer> cuts) {
        var bytes = String.join("", operations).getBytes(StandardCharsets.ISO_8859_1);

        var whole = feed(bytes, List.of());
        var split = feed(bytes, cuts);

        assertThat(split.ops).isEqualTo(whole.ops);
        assertThat(whole.ops).hasSize(operations.size()).doesNotContain("VIOLATION");
        assertThat(split.violation).isNull();
    }

    @Property(tries = 500)
    void refusesGarbageWithoutThrowing(@ForAll @Size(max = 600) byte[] garbage) {
        var recorder = feed(garbage, List.of(7, 100));

        var violationAt = recorder.ops.indexOf("VIOLATION");
        if (violationAt >= 0) {
            assertThat(violationAt).as("nothing is parsed after a violation").isEqualTo(recorder.ops.size() - 1);
        }
        assertThat(recorder.unread).isLessThanOrEqualTo(garbage.length);
    }

    @Provide
    Arbitrary<List<String>> streams() {
        return Arbitraries.of(OPERATIONS).list().ofMinSize(1).ofMaxSize(12);
    }

    /** Feeds the bytes in pieces cut at the given offsets, accumulating unread bytes as Netty's decoder does. */
    private static RecordingHandler feed(byte[] bytes, List<Integer> cuts) {
        var recorder = new RecordingHandler();
        var parser = new ProtocolParser(recorder, 4096);
        var buffer = Unpooled.buffer();
        var offsets = new ArrayList<>(
                cuts.stream().filter(c -> c < bytes.length).sorted().distinct().toList());
        offsets.add(bytes.length);
        var from = 0;
        for (var to : offsets) {
            buffer.writeBytes(bytes, from, to - from);
            parser.parse(buffer);
            buffer.discardReadBytes();
            from = to;
        }
        recorder.unread = buffer.readableBytes();
        return recorder;
    }
}
