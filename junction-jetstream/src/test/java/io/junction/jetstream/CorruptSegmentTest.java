package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.jetstream.store.LogCapture;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream whose segment file was damaged on disk while the server was down: the server starts, reports the damaged
 * record, serves every other message and takes new ones.
 */
class CorruptSegmentTest {
    private static final int MESSAGES = 100;
    private static final int DAMAGED = 50;
    private static final String SUBJECT = "orders.created";
    /** Frame bytes before the subject: length, CRC, state, sequence, timestamp, subject and headers lengths. */
    private static final int FRAME_OVERHEAD = 31;

    @TempDir
    Path storeDir;

    @Test
    void skipsARecordWhosePayloadWasDamagedAndKeepsTheOthers() throws Exception {
        writeMessages();

        damage(payloadOffset(DAMAGED) + 3, 4);

        restartAndCheck();
    }

    @Test
    void skipsARecordWhoseLengthWasDamagedAndKeepsTheOthers() throws Exception {
        writeMessages();

        damage(payloadOffset(DAMAGED) - SUBJECT.length() - FRAME_OVERHEAD, 2);

        restartAndCheck();
    }

    @Test
    void keepsEveryRecordOfASegmentWhoseHeaderHasAByteFlipped() throws Exception {
        writeMessages();

        damage(10, 1);

        try (var log = new LogCapture("io.junction.jetstream.store");
                var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            var state = jsm.getStreamInfo("ORDERS").getStreamState();

            assertThat(log.warnings()).singleElement().asString().contains("0000000001.seg", "damaged header");
            assertThat(state.getMsgCount()).isEqualTo(MESSAGES);
            assertThat(state.getLastSequence()).isEqualTo(MESSAGES);
            for (var sequence = 1; sequence <= MESSAGES; sequence++) {
                assertThat(jsm.getMessage("ORDERS", sequence).getData()).isEqualTo(payload(sequence));
            }
            assertThat(connection
                            .jetStream()
                            .publish(SUBJECT, payload(MESSAGES + 1))
                            .getSeqno())
                    .isEqualTo(MESSAGES + 1);
        }
    }

    @Test
    void neverReusesAnAcknowledgedSequenceOnceTheNewestSegmentWasCutShort() throws Exception {
        writeMessages();

        Files.write(segment(), java.util.Arrays.copyOf(Files.readAllBytes(segment()), 20));

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var state = connection.jetStreamManagement().getStreamInfo("ORDERS").getStreamState();

            assertThat(state.getLastSequence()).isEqualTo(MESSAGES);
            assertThat(state.getMsgCount()).isZero();
            assertThat(connection
                            .jetStream()
                            .publish(SUBJECT, payload(MESSAGES + 1))
                            .getSeqno())
                    .isEqualTo(MESSAGES + 1);
        }
    }

    private void restartAndCheck() throws Exception {
        try (var log = new LogCapture("io.junction.jetstream.store")) {
            try (var server = JetStreamServer.start(storeDir);
                    var connection = Nats.connect(server.url())) {
                var jsm = connection.jetStreamManagement();
                var state = jsm.getStreamInfo("ORDERS").getStreamState();

                assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning)
                        .containsAnyOf("corrupt frame", "fails its checksum")
                        .contains("0000000001.seg"));
                assertThat(state.getMsgCount()).isEqualTo(MESSAGES - 1);
                assertThat(state.getFirstSequence()).isEqualTo(1);
                assertThat(state.getLastSequence()).isEqualTo(MESSAGES);
                for (var sequence = 1; sequence <= MESSAGES; sequence++) {
                    if (sequence != DAMAGED) {
                        assertThat(jsm.getMessage("ORDERS", sequence).getData()).isEqualTo(payload(sequence));
                    }
                }
                assertThatThrownBy(() -> jsm.getMessage("ORDERS", DAMAGED))
                        .isInstanceOf(JetStreamApiException.class)
                        .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                                .isEqualTo(10037));
                assertThat(connection
                                .jetStream()
                                .publish(SUBJECT, payload(MESSAGES + 1))
                                .getSeqno())
                        .isEqualTo(MESSAGES + 1);
            }
        }
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();

            assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount())
                    .isEqualTo(MESSAGES);
            assertThat(jsm.getMessage("ORDERS", MESSAGES + 1).getData()).isEqualTo(payload(MESSAGES + 1));
        }
    }

    private void writeMessages() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            connection
                    .jetStreamManagement()
                    .addStream(StreamConfiguration.builder()
                            .name("ORDERS")
                            .subjects("orders.>")
                            .storageType(StorageType.File)
                            .build());
            for (var sequence = 1; sequence <= MESSAGES; sequence++) {
                connection.jetStream().publish(SUBJECT, payload(sequence));
            }
        }
    }

    private Path segment() {
        return storeDir.resolve("jetstream/$G/streams/ORDERS/msgs/0000000001.seg");
    }

    /** Where the payload of this message starts in the segment, found by its unique text. */
    private int payloadOffset(int sequence) throws IOException {
        var bytes = Files.readAllBytes(segment());
        var wanted = payload(sequence);
        for (var offset = 0; offset + wanted.length <= bytes.length; offset++) {
            if (ByteBuffer.wrap(bytes, offset, wanted.length).equals(ByteBuffer.wrap(wanted))) {
                return offset;
            }
        }
        throw new AssertionError("message " + sequence + " not found in " + segment());
    }

    private void damage(int offset, int length) throws IOException {
        var bytes = Files.readAllBytes(segment());
        for (var i = offset; i < offset + length; i++) {
            bytes[i] ^= (byte) 0xFF;
        }
        Files.write(segment(), bytes);
    }

    private static byte[] payload(int sequence) {
        return ("order %04d with some padding to make frames look real".formatted(sequence))
                .getBytes(StandardCharsets.UTF_8);
    }
}
