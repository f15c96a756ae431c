package io.junction.temporal.visibility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts between Temporal's {@link SearchAttributes} payloads and typed Java values: {@link String} for Keyword and
 * Text, {@link Long} for Int, {@link Double} for Double, {@link Boolean} for Bool, {@link Instant} for Datetime and
 * {@code List<String>} for KeywordList.
 *
 * <p>Each payload is JSON ({@code encoding: json/plain}); its {@code type} metadata names the attribute type. As in
 * Temporal, the registry's type wins over that metadata. Stateless and thread-safe.
 */
public final class SearchAttributeCodec {
    /** Temporal's default limits (dynamic config {@code limit.searchAttributes*}). */
    static final int MAX_KEYS = 100;

    static final int MAX_VALUE_BYTES = 2 * 1024;
    static final int MAX_TOTAL_BYTES = 40 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENCODING = "encoding";
    private static final String TYPE = "type";
    private static final ByteString JSON_PLAIN = ByteString.copyFromUtf8("json/plain");
    private static final String BINARY_NULL = "binary/null";

    private SearchAttributeCodec() {}

    /**
     * Decodes and validates search attributes a user sent (StartWorkflowExecution, UpsertWorkflowSearchAttributes,
     * the {@code UpsertWorkflowSearchAttributes} command) as Temporal's validator does.
     *
     * @return the values by name, ordered by name; a {@code null} value means the attribute is to be removed
     * @throws InvalidSearchAttributeException naming the first refused attribute with Temporal's text
     */
    public static Map<String, Object> decode(SearchAttributes attributes, SearchAttributeRegistry registry) {
        var fields = new TreeMap<>(attributes.getIndexedFieldsMap());
        if (fields.size() > MAX_KEYS) {
            throw new InvalidSearchAttributeException(
                    "number of search attributes " + fields.size() + " exceeds limit " + MAX_KEYS);
        }
        var total = attributes.getSerializedSize();
        if (total > MAX_TOTAL_BYTES) {
            throw new InvalidSearchAttributeException(
                    "total size of search attributes " + total + " exceeds size limit " + MAX_TOTAL_BYTES);
        }

        var values = new TreeMap<String, Object>();
        for (var field : fields.entrySet()) {
            var name = field.getKey();
            var payload = field.getValue();
            var type = settableType(name, registry);
            if (payload.getData().size() > MAX_VALUE_BYTES) {
                throw new InvalidSearchAttributeException("search attribute " + name + " value size "
                        + payload.getData().size() + " exceeds size limit " + MAX_VALUE_BYTES);
            }
            values.put(name, decodeValue(name, payload, type));
        }

        return Collections.unmodifiableMap(values);
    }

    /**
     * Decodes one value of a known type. A JSON {@code null} or a {@code binary/null} payload decodes to {@code null};
     * a one-element list decodes to its element for types other than KeywordList.
     *
     * @throws InvalidSearchAttributeException if the payload does not hold a value of the type
     */
    public static Object decodeValue(String name, Payload payload, IndexedValueType type) {
        var encoding = payload.getMetadataOrDefault(ENCODING, ByteString.EMPTY).toStringUtf8();
        if (encoding.equals(BINARY_NULL)) {
            return null;
        }
        var node = readJson(payload);
        if (node == null) {
            throw invalidValue(name, type, "value from <" + payload.getData().toStringUtf8() + ">");
        }
        var value = PayloadValues.fromJson(node, type);
        if (value == PayloadValues.INVALID) {
            throw invalidValue(name, type, GoText.json(node));
        }
        return value;
    }

    /**
     * Encodes values for a response. Each payload carries the registry's type as metadata; a name the registry no
     * longer knows (a removed custom attribute) is left out, as Temporal does.
     */
    public static SearchAttributes encode(Map<String, ?> values, SearchAttributeRegistry registry) {
        var attributes = SearchAttributes.newBuilder();
        for (var value : values.entrySet()) {
            if (value.getValue() == null) {
                continue;
            }
            registry.type(value.getKey())
                    .ifPresent(
                            type -> attributes.putIndexedFields(value.getKey(), encodeValue(value.getValue(), type)));
        }
        return attributes.build();
    }

    /** Encodes one typed value as a {@code json/plain} payload with {@code type} metadata. */
    public static Payload encodeValue(Object value, IndexedValueType type) {
        var node =
                switch (value) {
                    case String text -> JsonNodeFactory.instance.textNode(text);
                    case Long number -> JsonNodeFactory.instance.numberNode(number);
                    case Integer number -> JsonNodeFactory.instance.numberNode(number.longValue());
                    case Double number -> JsonNodeFactory.instance.numberNode(number);
                    case Boolean flag -> JsonNodeFactory.instance.booleanNode(flag);
                    case Instant instant -> JsonNodeFactory.instance.textNode(Datetimes.format(instant));
                    case List<?> list -> stringArray(list);
                    default ->
                        throw new IllegalArgumentException("unsupported search attribute value " + value.getClass());
                };
        var payload = Payload.newBuilder().putMetadata(ENCODING, JSON_PLAIN);
        if (type != IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED && type != IndexedValueType.UNRECOGNIZED) {
            payload.putMetadata(TYPE, ByteString.copyFromUtf8(TemporalNames.typeName(type)));
        }
        try {
            return payload.setData(ByteString.copyFrom(JSON.writeValueAsBytes(node)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The type a payload's metadata names, or UNSPECIFIED. */
    static IndexedValueType metadataType(Payload payload) {
        var name = payload.getMetadataOrDefault(TYPE, ByteString.EMPTY).toStringUtf8();
        return TemporalNames.parseType(name).orElse(IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED);
    }

    private static IndexedValueType settableType(String name, SearchAttributeRegistry registry) {
        if (SearchAttributeRegistry.isSystem(name)
                || (SearchAttributeNames.PREDEFINED.containsKey(name)
                        && !SearchAttributeNames.PREDEFINED_USER_SETTABLE.containsKey(name))) {
            throw new InvalidSearchAttributeException(name + " attribute can't be set in SearchAttributes");
        }
        return registry.type(name)
                .orElseThrow(() -> new InvalidSearchAttributeException("search attribute " + name + " is not defined"));
    }

    private static JsonNode readJson(Payload payload) {
        try {
            var text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(payload.getData().asReadOnlyByteBuffer())
                    .toString();
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static ArrayNode stringArray(List<?> list) {
        var array = JsonNodeFactory.instance.arrayNode(list.size());
        list.forEach(item -> array.add(String.valueOf(item)));
        return array;
    }

    private static InvalidSearchAttributeException invalidValue(String name, IndexedValueType type, String shown) {
        return new InvalidSearchAttributeException("invalid value for search attribute " + name + " of type "
                + TemporalNames.typeName(type) + ": " + shown);
    }
}
