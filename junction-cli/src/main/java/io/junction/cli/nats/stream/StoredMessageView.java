package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.Human;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;

/** A message read from a stream: its sequence, subject and time, its headers, then its body. */
final class StoredMessageView {
    private StoredMessageView() {}

    static String render(Cli cli, String stream, MessageInfo message, boolean raw) {
        var body = message.getData() == null ? "" : new String(message.getData(), StandardCharsets.UTF_8);
        if (raw) {
            return body + "\n";
        }
        var text = new StringBuilder();
        text.append(cli.style()
                        .bold("Item: " + stream + "#" + message.getSeq() + " received " + Human.time(message.getTime())
                                + " on Subject " + message.getSubject()))
                .append("\n\n");
        if (message.getHeaders() != null && !message.getHeaders().isEmpty()) {
            text.append("Headers:\n\n");
            for (var key : message.getHeaders().keySet()) {
                for (var value : message.getHeaders().get(key)) {
                    text.append("  ").append(key).append(": ").append(value).append('\n');
                }
            }
            text.append('\n');
        }
        return text.append(body).append("\n\n").toString();
    }
}
