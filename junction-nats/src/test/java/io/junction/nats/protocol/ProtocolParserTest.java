package io.junction.nats.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the parser keeps between reads: never more than one control line and one payload. */
class ProtocolParserTest {
    private static final int MAX_CONTROL_LINE = 4096;

    @ParameterizedTest
    @ValueSource(strings = {"PING", "PONG", "+OK", "PING ", "pingpong"})
    void keepsNothingOfABareOperationsLineWhileWaitingForItsEnd(String start) {
        var handler = new RecordingHandler();
        var parser = new ProtocolParser(handler, MAX_CONTROL_LINE);
        var buffer = Unpooled.buffer();
        buffer.writeCharSequence(start, StandardCharsets.ISO_8859_1);

        for (var read = 0; read < 100; read++) {
            buffer.writeBytes(new byte[64 * 1024]);
            parser.parse(buffer);
            buffer.discardReadBytes();
        }

        assertThat(buffer.readableBytes()).isLessThanOrEqualTo(MAX_CONTROL_LINE);
        assertThat(handler.violation).isNull();
    }

    @Test
    void handlesABareOperationOnceItsLineEnds() {
        var handler = new RecordingHandler();
        var parser = new ProtocolParser(handler, MAX_CONTROL_LINE);
        var buffer = Unpooled.buffer();

        for (var part : new String[] {"PI", "NG and more", "x".repeat(10_000), "\r\nPONGpong\r", "\n+OK\r\nPING\r\n"}) {
            buffer.writeCharSequence(part, StandardCharsets.ISO_8859_1);
            parser.parse(buffer);
            buffer.discardReadBytes();
        }

        assertThat(handler.ops).containsExactly("PING", "PONG", "PING");
        assertThat(buffer.readableBytes()).isZero();
    }
}
