package io.junction.jetstream.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive's tar: what the writer writes the reader reads back, long names included, and nothing else. */
class TarTest {
    @Test
    void readsBackFilesWithNamesLongerThanUstarHolds() throws IOException {
        var files = new LinkedHashMap<String, byte[]>();
        files.put("meta.state", "meta".getBytes(StandardCharsets.UTF_8));
        files.put("obs/" + "consumer-".repeat(15) + "/consumer.state", new byte[513]);
        files.put("msgs/0000000001.seg", new byte[0]);

        var read = read(write(files));

        assertThat(read.keySet()).containsExactlyElementsOf(files.keySet());
        files.forEach((name, content) -> assertThat(read.get(name)).isEqualTo(content));
    }

    @Test
    void refusesAnEntryThatIsNotARegularFile() throws IOException {
        var archive = write(Map.of("obs", new byte[0]));
        archive[156] = '5';
        Arrays.fill(archive, 148, 156, (byte) ' ');
        var sum = String.format("%06o", TarReader.checksum(archive)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(sum, 0, archive, 148, 6);
        archive[154] = 0;

        assertThatThrownBy(() -> read(archive))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void refusesAHeaderThatFailsItsChecksum() throws IOException {
        var archive = write(Map.of("meta.state", new byte[10]));
        archive[3] ^= 1;

        assertThatThrownBy(() -> read(archive))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void refusesAnArchiveCutShort() throws IOException {
        var archive = write(Map.of("meta.state", new byte[2000]));

        assertThatThrownBy(() -> read(Arrays.copyOf(archive, 1500))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read(Arrays.copyOf(archive, archive.length - 512)))
                .isInstanceOf(EOFException.class);
    }

    private static byte[] write(Map<String, byte[]> files) throws IOException {
        var out = new ByteArrayOutputStream();
        var tar = new TarWriter(out, 1_700_000_000L);
        for (var file : files.entrySet()) {
            tar.file(file.getKey(), file.getValue());
        }
        tar.finish();
        return out.toByteArray();
    }

    private static Map<String, byte[]> read(byte[] archive) throws IOException {
        var tar = new TarReader(new ByteArrayInputStream(archive));
        var files = new LinkedHashMap<String, byte[]>();
        for (var entry = tar.next(); entry != null; entry = tar.next()) {
            files.put(entry.name(), tar.content().readAllBytes());
        }
        return files;
    }
}
