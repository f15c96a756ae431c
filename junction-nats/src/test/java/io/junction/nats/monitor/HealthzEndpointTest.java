package io.junction.nats.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.nats.server.ServerOptions;
import org.junit.jupiter.api.Test;

class HealthzEndpointTest {
    @Test
    void answersOkWhileServingClients() throws Exception {
        try (var monitored = new MonitoredServer()) {
            var plain = monitored.get("/healthz");
            var jetStreamOnly = monitored.get("/healthz?js-enabled-only=true&js-server-only=1");

            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(plain.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(jetStreamOnly.statusCode()).isEqualTo(200);
            assertThat(jetStreamOnly.body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void answersUnavailableWhenTheConfigurationEnablesJetStream() throws Exception {
        var options = ServerOptions.builder()
                .port(-1)
                .httpPort(-1)
                .jetStream(new ServerOptions.JetStreamOptions(true, null, -1, -1, false));
        try (var monitored = new MonitoredServer(options)) {
            var plain = monitored.get("/healthz");
            var enabledOnly = monitored.get("/healthz?js-enabled-only=true");

            assertThat(plain.statusCode()).isEqualTo(503);
            assertThat(plain.body())
                    .isEqualTo("{\"status\":\"unavailable\",\"error\":\"JetStream not enabled (10076)\"}");
            assertThat(enabledOnly.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void rejectsAnOptionThatIsNotABoolean() throws Exception {
        try (var monitored = new MonitoredServer()) {
            var response = monitored.get("/healthz?js-enabled-only=please");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body())
                    .isEqualTo("Error decoding boolean for 'js-enabled-only': strconv.ParseBool: parsing \"please\": "
                            + "invalid syntax");
        }
    }
}
