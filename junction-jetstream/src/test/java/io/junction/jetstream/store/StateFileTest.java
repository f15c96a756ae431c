package io.junction.jetstream.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path directory;

    @Test
    void readsBackWhatWasWritten() {
        var file = new StateFile(directory.resolve("consumer.state"));

        file.write("ack floor 42".getBytes(US_ASCII));

        assertThat(file.read())
                .hasValueSatisfying(
                        state -> assertThat(state).asString(US_ASCII).isEqualTo("ack floor 42"));
    }

    @Test
    void readsNothingWhenNothingWasWritten() {
        assertThat(new StateFile(directory.resolve("absent")).read()).isEmpty();
    }

    @Test
    void replacesTheWholeState() {
        var file = new StateFile(directory.resolve("consumer.state"));
        file.write("a much longer first state".getBytes(US_ASCII));

        file.write("short".getBytes(US_ASCII));
        file.write(new byte[0]);

        assertThat(file.read()).hasValueSatisfying(state -> assertThat(state).isEmpty());
    }

    @Test
    void ignoresATemporaryFileLeftByACrash() throws IOException {
        var file = new StateFile(directory.resolve("consumer.state"));
        file.write("kept".getBytes(US_ASCII));

        Files.write(directory.resolve("consumer.state.tmp"), "half writ".getBytes(US_ASCII));

        assertThat(file.read())
                .hasValueSatisfying(
                        state -> assertThat(state).asString(US_ASCII).isEqualTo("kept"));
        file.write("next".getBytes(US_ASCII));
        assertThat(file.read())
                .hasValueSatisfying(
                        state -> assertThat(state).asString(US_ASCII).isEqualTo("next"));
    }

    @Test
    void reportsACorruptFile() throws IOException {
        var path = directory.resolve("consumer.state");
        new StateFile(path).write("state".getBytes(US_ASCII));
        var bytes = Files.readAllBytes(path);
        bytes[bytes.length - 1] ^= 1;
        Files.write(path, bytes);

        assertThatThrownBy(() -> new StateFile(path).read())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("checksum");
        Files.write(path, new byte[3]);
        assertThatThrownBy(() -> new StateFile(path).read()).isInstanceOf(StoreException.class);
    }

    @Test
    void deletesTheState() {
        var file = new StateFile(directory.resolve("consumer.state"));
        file.write("state".getBytes(US_ASCII));

        file.delete();
        file.delete();

        assertThat(file.read()).isEmpty();
    }
}
