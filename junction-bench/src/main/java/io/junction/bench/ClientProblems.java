package io.junction.bench;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the client library reports during one round: server errors (-ERR), exceptions, slow consumers and
 * discarded messages, counted by kind so that a flood of one error stays one line in the report.
 */
final class ClientProblems implements ErrorListener {
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    @Override
    public void errorOccurred(Connection connection, String error) {
        add(name(connection) + " -ERR " + error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        add(name(connection) + " exception " + exception);
    }

    @Override
    public void slowConsumerDetected(Connection connection, Consumer consumer) {
        add(name(connection) + " slow consumer (client side)");
    }

    @Override
    public void messageDiscarded(Connection connection, Message message) {
        add(name(connection) + " message discarded");
    }

    synchronized void add(String problem) {
        counts.merge(problem, 1, Integer::sum);
    }

    synchronized List<String> list() {
        var problems = new ArrayList<String>();
        counts.forEach((problem, count) -> problems.add(count == 1 ? problem : problem + " (x" + count + ")"));

        return problems;
    }

    private static String name(Connection connection) {
        return connection == null ? "?" : connection.getOptions().getConnectionName();
    }
}
