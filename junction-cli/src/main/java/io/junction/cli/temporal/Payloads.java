package io.junction.cli.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import java.util.Base64;
import java.util.List;

/**
 * Workflow, signal and query arguments and results as the temporal CLI handles them: each {@code --input} is one
 * JSON value, sent as written in a {@code json/plain} payload; results in {@code json/plain} come back as JSON, and
 * payloads in other encodings are shown by encoding and size rather than guessed at.
 */
final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ByteString JSON_PLAIN = ByteString.copyFromUtf8("json/plain");

    private Payloads() {}

    /** One payload per input, each checked to be JSON; an invalid one fails naming its position. */
    static io.temporal.api.common.v1.Payloads encode(List<String> inputs) {
        var payloads = io.temporal.api.common.v1.Payloads.newBuilder();
        for (var i = 0; i < inputs.size(); i++) {
            var input = inputs.get(i);
            try {
                JSON.readTree(input);
            } catch (JsonProcessingException e) {
                throw new CliException("input #" + (i + 1) + " is not valid JSON: " + reason(e, input));
            }
            payloads.addPayloads(
                    Payload.newBuilder().putMetadata("encoding", JSON_PLAIN).setData(ByteString.copyFromUtf8(input)));
        }
        return payloads.build();
    }

    /** The payloads as one JSON value: the value itself for one payload, an array for several, null for none. */
    static JsonNode json(io.temporal.api.common.v1.Payloads payloads) {
        var values = payloads.getPayloadsList().stream().map(Payloads::json).toList();
        if (values.isEmpty()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (values.size() == 1) {
            return values.getFirst();
        }
        return JsonNodeFactory.instance.arrayNode().addAll(values);
    }

    /** The payloads as compact JSON text. */
    static String text(io.temporal.api.common.v1.Payloads payloads) {
        return json(payloads).toString();
    }

    static JsonNode json(Payload payload) {
        var encoding =
                payload.getMetadataOrDefault("encoding", ByteString.EMPTY).toStringUtf8();
        var nodes = JsonNodeFactory.instance;
        switch (encoding) {
            case "json/plain", "json/protobuf" -> {
                try {
                    return JSON.readTree(payload.getData().toStringUtf8());
                } catch (JsonProcessingException e) {
                    return nodes.textNode(payload.getData().toStringUtf8());
                }
            }
            case "binary/null" -> {
                return nodes.nullNode();
            }
            default -> {
                var object = nodes.objectNode();
                object.put("encoding", encoding);
                object.put(
                        "data",
                        Base64.getEncoder().encodeToString(payload.getData().toByteArray()));
                return object;
            }
        }
    }

    private static String reason(JsonProcessingException e, String input) {
        var location = e.getLocation();
        var message = e.getOriginalMessage().lines().findFirst().orElse("malformed");
        return message + (location == null ? "" : " at column " + location.getColumnNr()) + " of " + input;
    }
}
