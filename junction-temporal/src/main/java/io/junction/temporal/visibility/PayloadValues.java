package io.junction.temporal.visibility;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.IndexedValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a decoded JSON value as the Java value of a search attribute type, with the leniency Temporal's decoder has:
 * a list of one value stands for that value, an empty list or {@code null} for no value.
 */
final class PayloadValues {
    /** Returned, rather than thrown, when the JSON does not hold the type; the caller builds the message. */
    static final Object INVALID = new Object();

    private PayloadValues() {}

    static Object fromJson(JsonNode node, IndexedValueType type) {
        if (node.isNull()) {
            return null;
        }
        if (type == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST) {
            return keywordList(node);
        }
        if (!node.isArray()) {
            return scalar(node, type);
        }
        if (node.isEmpty()) {
            return null;
        }
        return node.size() == 1 ? scalar(node.get(0), type) : INVALID;
    }

    private static Object keywordList(JsonNode node) {
        if (!node.isArray()) {
            return INVALID;
        }
        var values = new ArrayList<String>(node.size());
        for (var item : node) {
            if (item.isNull()) {
                // Go decodes a JSON null into a string as "", and Temporal accepts it.
                values.add("");
            } else if (item.isTextual()) {
                values.add(item.textValue());
            } else {
                return INVALID;
            }
        }
        return List.copyOf(values);
    }

    private static Object scalar(JsonNode node, IndexedValueType type) {
        return switch (type) {
            case INDEXED_VALUE_TYPE_KEYWORD, INDEXED_VALUE_TYPE_TEXT -> node.isTextual() ? node.textValue() : INVALID;
            case INDEXED_VALUE_TYPE_INT ->
                node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : INVALID;
            case INDEXED_VALUE_TYPE_DOUBLE -> node.isNumber() ? node.doubleValue() : INVALID;
            case INDEXED_VALUE_TYPE_BOOL -> node.isBoolean() ? node.booleanValue() : INVALID;
            case INDEXED_VALUE_TYPE_DATETIME ->
                node.isTextual()
                        ? Datetimes.parse(node.textValue())
                                .<Object>map(instant -> instant)
                                .orElse(INVALID)
                        : INVALID;
            default -> INVALID;
        };
    }
}
