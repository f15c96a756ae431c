package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerInfoDomainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesTheJetStreamDomainInTheInfoLineAsNatsServerDoes() throws Exception {
        var options = new ServerOptions.JetStreamOptions(false, null, -1, -1, false, null, "hub");
        try (var server = TestServers.start(builder -> builder.jetStream(options));
                var client = new RawClient(server)) {
            var info = client.readLine(Duration.ofSeconds(5));

            assertThat(JSON.readTree(info.substring("INFO ".length()))
                            .path("domain")
                            .asText())
                    .isEqualTo("hub");
        }
    }

    @Test
    void leavesTheDomainOutWithoutOne() throws Exception {
        try (var server = TestServers.start();
                var client = new RawClient(server)) {
            var info = client.readLine(Duration.ofSeconds(5));

            assertThat(JSON.readTree(info.substring("INFO ".length())).has("domain"))
                    .isFalse();
        }
    }
}
