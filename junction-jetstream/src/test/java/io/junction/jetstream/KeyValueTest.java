package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.JetStreamApiException;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key-value buckets through the official Java client. */
class KeyValueTest extends LiveJetStreamTest {
    @BeforeEach
    void start() throws Exception {
        connection
                .keyValueManagement()
                .create(KeyValueConfiguration.builder()
                        .name("CONFIG")
                        .maxHistoryPerKey(5)
                        .build());
    }

    @Test
    void putsGetsAndKeepsHistory() throws Exception {
        var kv = connection.keyValue("CONFIG");

        var first = kv.put("app.setting", "value");
        var second = kv.put("app.setting", "value2");

        assertThat(kv.get("app.setting").getValueAsString()).isEqualTo("value2");
        assertThat(kv.get("app.setting", first).getValueAsString()).isEqualTo("value");
        assertThat(kv.history("app.setting"))
                .extracting(KeyValueEntry::getRevision)
                .containsExactly(first, second);
        assertThat(kv.keys()).containsExactly("app.setting");
        assertThat(kv.getStatus().getEntryCount()).isEqualTo(2);
    }

    @Test
    void createsOnlyWhenAbsentAlsoAfterADelete() throws Exception {
        var kv = connection.keyValue("CONFIG");

        kv.create("k", bytes("a"));
        assertThatThrownBy(() -> kv.create("k", bytes("b")))
                .isInstanceOf(JetStreamApiException.class)
                .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                        .isEqualTo(10071));
        kv.delete("k");
        var recreated = kv.create("k", bytes("c"));

        assertThat(kv.get("k").getValueAsString()).isEqualTo("c");
        assertThat(kv.get("k").getRevision()).isEqualTo(recreated);
        assertThatThrownBy(() -> kv.create("k", bytes("d")))
                .isInstanceOf(JetStreamApiException.class)
                .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                        .isEqualTo(10071));
    }

    @Test
    void createsAfterAPurgeOfTheKeyAndOnlyOnce() throws Exception {
        var kv = connection.keyValue("CONFIG");
        kv.put("k", bytes("a"));
        kv.put("k", bytes("b"));

        kv.purge("k");
        var recreated = kv.create("k", bytes("c"));

        assertThat(kv.get("k").getValueAsString()).isEqualTo("c");
        assertThat(kv.get("k").getRevision()).isEqualTo(recreated);
        assertThat(kv.history("k")).hasSize(2);
        assertThatThrownBy(() -> kv.create("k", bytes("d")))
                .isInstanceOf(JetStreamApiException.class)
                .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                        .isEqualTo(10071));
    }

    @Test
    void updatesWithCompareAndSet() throws Exception {
        var kv = connection.keyValue("CONFIG");
        var revision = kv.put("k", "1");

        var next = kv.update("k", bytes("2"), revision);

        assertThat(next).isGreaterThan(revision);
        assertThatThrownBy(() -> kv.update("k", bytes("3"), revision)).isInstanceOf(JetStreamApiException.class);
    }

    @Test
    void deletesAndPurgesKeys() throws Exception {
        var kv = connection.keyValue("CONFIG");
        kv.put("a", "1");
        kv.put("a", "2");
        kv.put("b", "1");

        kv.delete("b");
        kv.purge("a");

        assertThat(kv.get("a")).isNull();
        assertThat(kv.get("b")).isNull();
        assertThat(kv.keys()).isEmpty();
        assertThat(kv.history("a")).hasSize(1).first().satisfies(entry -> assertThat(entry.getOperation())
                .isEqualTo(KeyValueOperation.PURGE));
    }

    @Test
    void watchesInitialValuesThenLiveUpdates() throws Exception {
        var kv = connection.keyValue("CONFIG");
        kv.put("x", "1");
        kv.put("y", "1");
        kv.put("x", "2");
        var seen = new CopyOnWriteArrayList<String>();
        var done = new AtomicBoolean();

        try (var watch = kv.watchAll(new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                seen.add(entry.getKey() + "=" + entry.getValueAsString());
            }

            @Override
            public void endOfData() {
                done.set(true);
                seen.add("end");
            }
        })) {
            await().untilTrue(done);
            kv.put("z", "1");
            await().until(() -> seen.size() == 4);
        }

        assertThat(seen).containsExactly("y=1", "x=2", "end", "z=1");
    }

    @Test
    void reportsAndDeletesBuckets() throws Exception {
        var kvm = connection.keyValueManagement();

        assertThat(kvm.getBucketNames()).containsExactly("CONFIG");
        assertThat(kvm.getStatus("CONFIG").getMaxHistoryPerKey()).isEqualTo(5);
        kvm.delete("CONFIG");
        assertThat(kvm.getBucketNames()).isEqualTo(List.of());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
