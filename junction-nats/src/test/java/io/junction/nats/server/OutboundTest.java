package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What one client's outbound buffer costs and refuses. */
class OutboundTest {
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void handsTheChannelBuffersNoBiggerThanTwiceWhatTheyHold() {
        var channel = new EmbeddedChannel();
        var outbound = new Outbound(channel, 1 << 20);
        var payload = Unpooled.wrappedBuffer("hi".getBytes(StandardCharsets.US_ASCII));

        outbound.protocol(PONG);
        outbound.flush();
        outbound.message(bytes("foo"), bytes("1"), null, bytes(" 2\r\n"), false, payload);
        outbound.flush();

        // A client that does not read keeps these queued: a whole chunk each would cost far more than max_pending.
        for (var expected : new String[] {"PONG\r\n", "MSG foo 1 2\r\nhi\r\n"}) {
            ByteBuf written = channel.readOutbound();
            assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo(expected);
            assertThat(written.capacity()).isLessThanOrEqualTo(2 * Math.max(64, written.readableBytes()));
            written.release();
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesAProtocolLineThatWouldPassMaxPending() {
        var channel = new EmbeddedChannel();
        var outbound = new Outbound(channel, 10);

        assertThat(outbound.protocol(PONG)).isEqualTo(Outbound.Append.NEEDS_FLUSH);
        assertThat(outbound.protocol(PONG)).isEqualTo(Outbound.Append.OVER_LIMIT);

        outbound.close();
        channel.finishAndReleaseAll();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
