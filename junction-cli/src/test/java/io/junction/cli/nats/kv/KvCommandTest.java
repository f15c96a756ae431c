package io.junction.cli.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.cli.nats.LiveServerTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code nats kv ...} against a live server, as the nats CLI's users type it. */
class KvCommandTest extends LiveServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void addPutGetAndWatchABucket() throws Exception {
        var add = cli.run("nats", "kv", "add", "CONFIG");
        var watch = cli.background("nats", "kv", "watch", "CONFIG");
        await().atMost(WAIT).until(() -> watch.err().contains("Watching CONFIG for changes"));

        var put = cli.run("nats", "kv", "put", "CONFIG", "app.setting", "value");
        var get = cli.run("nats", "kv", "get", "CONFIG", "app.setting");
        var raw = cli.run("nats", "kv", "get", "CONFIG", "app.setting", "--raw");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Information for Key-Value Store Bucket CONFIG", "History Kept: 1");
        assertThat(put.exitCode()).isZero();
        assertThat(put.out()).isEqualTo("value\n");
        assertThat(get.out())
                .startsWith("CONFIG > app.setting revision: 1 created @ ")
                .endsWith("\n\nvalue\n");
        assertThat(raw.out()).isEqualTo("value\n");
        await().atMost(WAIT).until(() -> watch.out().contains("PUT CONFIG > app.setting: value"));
        cli.run("nats", "kv", "del", "CONFIG", "app.setting", "-f");
        await().atMost(WAIT).until(() -> watch.out().contains("DELETE CONFIG > app.setting"));
        assertThat(watch.stop().exitCode()).isZero();
    }

    @Test
    void historyKeysDeleteAndPurgeOfKeys() throws Exception {
        cli.run("nats", "kv", "add", "HISTORY", "--history", "5");
        cli.run("nats", "kv", "put", "HISTORY", "a", "one");
        cli.run("nats", "kv", "put", "HISTORY", "a", "two");
        cli.run("nats", "kv", "put", "HISTORY", "b", "three");

        var history = cli.run("nats", "kv", "history", "HISTORY", "a");
        var keys = cli.run("nats", "kv", "keys", "HISTORY");
        var old = cli.run("nats", "kv", "get", "HISTORY", "a", "--revision", "1", "--raw");
        var delete = cli.run("nats", "kv", "del", "HISTORY", "a", "-f");
        var afterDelete = cli.run("nats", "kv", "get", "HISTORY", "a");
        var purge = cli.run("nats", "kv", "purge", "HISTORY", "b", "-f");
        var keysAfter = cli.run("nats", "kv", "keys", "HISTORY");

        assertThat(history.out()).containsPattern("a +1 +PUT .* 3 +one").containsPattern("a +2 +PUT .* 3 +two");
        assertThat(keys.out()).isEqualTo("a\nb\n");
        assertThat(old.out()).isEqualTo("one\n");
        assertThat(delete.exitCode()).isZero();
        assertThat(afterDelete.exitCode()).isEqualTo(1);
        assertThat(afterDelete.err()).isEqualTo("nats: error: key not found\n");
        assertThat(purge.exitCode()).isZero();
        assertThat(keysAfter.out()).isEmpty();
    }

    @Test
    void statusLsAndRmOfBuckets() throws Exception {
        cli.run("nats", "kv", "add", "LISTED", "--description", "For the list", "--ttl", "1h");
        cli.run("nats", "kv", "put", "LISTED", "k", "v");

        var status = cli.run("nats", "kv", "status", "LISTED");
        var json = new ObjectMapper()
                .readTree(cli.run("nats", "kv", "status", "LISTED", "--json").out());
        var ls = cli.run("nats", "kv", "ls");
        var rm = cli.run("nats", "kv", "rm", "LISTED", "-f");
        var gone = cli.run("nats", "kv", "status", "LISTED");

        assertThat(status.out()).contains("Values Stored: 1", "Maximum Age: 1h", "JetStream Stream: KV_LISTED");
        assertThat(json.at("/config/name").asText()).isEqualTo("KV_LISTED");
        assertThat(json.at("/state/messages").asLong()).isEqualTo(1);
        assertThat(ls.out()).containsPattern("LISTED +For the list +\\d{4}-");
        assertThat(rm.exitCode()).isZero();
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("nats: error: bucket LISTED not found\n");
    }

    @Test
    void readsPrintJsonForScripts() throws Exception {
        cli.run("nats", "kv", "add", "SCRIPTED", "--history", "5");
        cli.run("nats", "kv", "put", "SCRIPTED", "colour", "red");
        cli.run("nats", "kv", "put", "SCRIPTED", "colour", "blue");
        var mapper = new ObjectMapper();

        var get = mapper.readTree(
                cli.run("nats", "kv", "get", "SCRIPTED", "colour", "--json").out());
        var history = mapper.readTree(
                cli.run("nats", "kv", "history", "SCRIPTED", "colour", "--json").out());
        var keys = mapper.readTree(
                cli.run("nats", "kv", "keys", "SCRIPTED", "--json").out());
        var buckets = mapper.readTree(cli.run("nats", "kv", "ls", "--json").out());

        assertThat(get.get("value").asText()).isEqualTo("blue");
        assertThat(get.get("revision").asLong()).isEqualTo(2);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("value").asText()).isEqualTo("red");
        assertThat(keys.get(0).asText()).isEqualTo("colour");
        assertThat(buckets.findValuesAsText("bucket")).contains("SCRIPTED");
    }

    @Test
    void putReadsTheValueFromStandardInputWhenItIsLeftOut() {
        cli.run("nats", "kv", "add", "PIPED");
        var stdin = System.in;
        try {
            System.setIn(
                    new java.io.ByteArrayInputStream("from a pipe".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            var put = cli.run("nats", "kv", "put", "PIPED", "note");
            assertThat(put.exitCode()).as(put.err()).isZero();
        } finally {
            System.setIn(stdin);
        }

        assertThat(cli.run("nats", "kv", "get", "PIPED", "note", "--raw").out()).isEqualTo("from a pipe\n");
    }

    @Test
    void createPutsAValueOnlyWhereTheKeyHasNone() {
        cli.run("nats", "kv", "add", "ONCE");

        var first = cli.run("nats", "kv", "create", "ONCE", "k", "one");
        var second = cli.run("nats", "kv", "create", "ONCE", "k", "two");
        cli.run("nats", "kv", "del", "ONCE", "k", "-f");
        var afterDelete = cli.run("nats", "kv", "create", "ONCE", "k", "three");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo("one\n");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).isEqualTo("nats: error: nats: key exists\n");
        assertThat(afterDelete.exitCode()).isZero();
        assertThat(cli.run("nats", "kv", "get", "ONCE", "k", "--raw").out()).isEqualTo("three\n");
    }

    @Test
    void anUnknownBucketFailsWithOneLine() {
        var result = cli.run("nats", "kv", "get", "NOPE", "key");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("nats: error: bucket NOPE not found\n");
    }
}
