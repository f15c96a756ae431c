package io.junction.cli.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * JSON for scripts: the JetStream API's own responses, pretty printed without the {@code type} field, as the nats CLI
 * prints them with {@code --json}; and JSON files given with {@code --config}, checked before use.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int NO_RESPONDERS = 503;

    private JsonOutput() {}

    /**
     * Sends a JetStream API request and returns its response as the server wrote it, field order kept, pretty
     * printed and without {@code type}; an API error becomes a {@link CliException} with its description.
     */
    public static String api(Connection connection, String subject, String body, Duration timeout) {
        return pretty(request(connection, subject, body, timeout));
    }

    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Reads a JSON object from a file, failing with one line that says what is wrong and where. */
    public static ObjectNode readObject(Path file) {
        try {
            var tree = MAPPER.readTree(Files.readString(file));
            if (!(tree instanceof ObjectNode object)) {
                throw new CliException("invalid JSON in " + file + ": expected an object");
            }
            return object;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new CliException("invalid JSON in " + file
                    + (location == null ? "" : " at line " + location.getLineNr() + " column " + location.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode request(Connection connection, String subject, String body, Duration timeout) {
        Message reply;
        try {
            var data = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            reply = connection.request(subject, data, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted waiting for " + subject, e);
        }
        if (reply == null) {
            throw new CliException("timeout waiting for a JetStream API response on " + subject);
        }
        if (reply.isStatusMessage() && reply.getStatus().getCode() == NO_RESPONDERS) {
            throw new CliException("JetStream is not available: no responders on " + subject);
        }
        try {
            var tree = MAPPER.readTree(reply.getData());
            if (!(tree instanceof ObjectNode object)) {
                throw new CliException("the server answered " + subject + " with something other than an object");
            }
            if (object.has("error")) {
                throw new CliException(object.at("/error/description").asText("JetStream API error"));
            }
            object.remove("type");
            return object;
        } catch (IOException e) {
            throw new CliException("the server answered " + subject + " with invalid JSON: " + e.getMessage(), e);
        }
    }
}
