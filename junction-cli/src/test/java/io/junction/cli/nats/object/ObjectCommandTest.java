package io.junction.cli.nats.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.cli.nats.LiveServerTest;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code nats object ...} against a live server: a file in, the same bytes out. */
class ObjectCommandTest extends LiveServerTest {
    @Test
    void putLsInfoGetAndRmAFileOfSeveralChunks() throws Exception {
        var bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        var file = config.resolve("report.bin");
        Files.write(file, bytes);
        var copy = config.resolve("copy.bin");

        var add = cli.run("nats", "object", "add", "FILES");
        var put = cli.run("nats", "object", "put", "FILES", file.toString());
        var ls = cli.run("nats", "object", "ls", "FILES");
        var info = cli.run("nats", "object", "info", "FILES", "report.bin");
        var get = cli.run("nats", "object", "get", "FILES", "report.bin", "--output", copy.toString());
        var rm = cli.run("nats", "object", "rm", "FILES", "report.bin", "-f");
        var lsAfter = cli.run("nats", "object", "ls", "FILES");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(put.out()).contains("Object information for FILES > report.bin", "Size: 293 KiB", "Chunks: 3");
        assertThat(ls.out()).containsPattern("report.bin +293 KiB +\\d{4}-");
        assertThat(info.out()).contains("Digest: SHA-256=");
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
        assertThat(rm.exitCode()).isZero();
        assertThat(lsAfter.out()).isEqualTo("No entries found in bucket FILES\n");
    }

    @Test
    void lsAndInfoPrintJsonForScripts() throws Exception {
        var file = config.resolve("notes.txt");
        Files.writeString(file, "hello");
        cli.run("nats", "object", "add", "DOCS");
        cli.run("nats", "object", "put", "DOCS", file.toString());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();

        var ls = mapper.readTree(
                cli.run("nats", "object", "ls", "DOCS", "--json").out());
        var info = mapper.readTree(
                cli.run("nats", "object", "info", "DOCS", "notes.txt", "--json").out());

        assertThat(ls.get(0).get("name").asText()).isEqualTo("notes.txt");
        assertThat(info.get("size").asLong()).isEqualTo(5);
        assertThat(info.get("digest").asText()).startsWith("SHA-256=");
    }

    @Test
    void bucketsAreListedAndRemovedAndUnknownOnesFailWithOneLine() {
        cli.run("nats", "object", "add", "GONE", "--description", "short lived");

        var ls = cli.run("nats", "object", "ls");
        var rm = cli.run("nats", "object", "rm", "GONE", "-f");
        var missing = cli.run("nats", "object", "info", "GONE");
        var missingObject = cli.run("nats", "object", "get", "NOPE", "x", "--output", "-");

        assertThat(ls.out()).containsPattern("GONE +short lived");
        assertThat(rm.exitCode()).isZero();
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("nats: error: bucket GONE not found\n");
        assertThat(missingObject.err()).isEqualTo("nats: error: bucket NOPE not found\n");
    }
}
