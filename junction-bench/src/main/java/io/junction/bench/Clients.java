package io.junction.bench;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The jnats connections of one round, all without reconnects so that a connection the server drops shows up as a
 * problem rather than as a pause. Closing checks first that every connection is still up.
 */
final class Clients implements AutoCloseable {
    private final String url;
    private final ClientProblems problems = new ClientProblems();
    private final List<Connection> connections = new ArrayList<>();

    Clients(String url) {
        this.url = url;
    }

    Connection connect(String name) throws IOException, InterruptedException {
        var options = Options.builder()
                .server(url)
                .connectionName(name)
                .noReconnect()
                .connectionTimeout(Duration.ofSeconds(5))
                .errorListener(problems)
                .build();
        var connection = Nats.connect(options);
        connections.add(connection);

        return connection;
    }

    ClientProblems problems() {
        return problems;
    }

    /** Records every connection that is no longer connected; call it once the round's load is over. */
    void checkConnected() {
        for (var connection : connections) {
            if (connection.getStatus() != Connection.Status.CONNECTED) {
                problems.add(connection.getOptions().getConnectionName() + " was " + connection.getStatus()
                        + " at the end of the round");
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (var connection : connections) {
            connection.close();
        }
    }
}
