package io.junction.cli.nats.messaging;

import io.junction.cli.nats.Cli;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;

/** Writes a received message for a person: a numbered heading, its headers, a blank line and the body. */
final class MessagePrinter {
    private final Cli cli;
    private final boolean raw;

    MessagePrinter(Cli cli, boolean raw) {
        this.cli = cli;
        this.raw = raw;
    }

    void print(long number, Message message) {
        var body = message.getData() == null ? "" : new String(message.getData(), StandardCharsets.UTF_8);
        if (raw) {
            cli.println(body);
            return;
        }
        var text = new StringBuilder();
        text.append(cli.style().bold("[#" + number + "] Received on \"" + Subjects.utf8(message.getSubject()) + "\""));
        if (message.getReplyTo() != null && !message.getReplyTo().isEmpty()) {
            text.append(" with reply \"")
                    .append(Subjects.utf8(message.getReplyTo()))
                    .append('"');
        }
        text.append('\n');
        appendHeaders(text, message);
        text.append(body).append("\n\n");
        cli.print(text.toString());
    }

    static void appendHeaders(StringBuilder text, Message message) {
        if (!message.hasHeaders()) {
            return;
        }
        for (var key : message.getHeaders().keySet()) {
            for (var value : message.getHeaders().get(key)) {
                text.append(key).append(": ").append(value).append('\n');
            }
        }
        text.append('\n');
    }
}
