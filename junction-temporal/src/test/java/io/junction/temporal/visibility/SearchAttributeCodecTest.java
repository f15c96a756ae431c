package io.junction.temporal.visibility;

import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.common.SearchAttributeKey;
import io.temporal.internal.common.SearchAttributesUtil;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchAttributeCodecTest {
    private static final SearchAttributeRegistry REGISTRY = SearchAttributeRegistry.withDevServerDefaults();

    private static Payload json(String json, String type) {
        var payload = Payload.newBuilder()
                .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(json));
        if (type != null) {
            payload.putMetadata("type", ByteString.copyFromUtf8(type));
        }
        return payload.build();
    }

    private static SearchAttributes attributes(String name, Payload payload) {
        return SearchAttributes.newBuilder().putIndexedFields(name, payload).build();
    }

    @Test
    void decodesWhatTheJavaSdkSends() {
        var sent = io.temporal.common.SearchAttributes.newBuilder()
                .set(SearchAttributeKey.forKeyword("CustomKeywordField"), "eu-west")
                .set(SearchAttributeKey.forLong("CustomIntField"), 42L)
                .set(SearchAttributeKey.forDouble("CustomDoubleField"), 2.5)
                .set(SearchAttributeKey.forBoolean("CustomBoolField"), true)
                .set(SearchAttributeKey.forText("CustomTextField"), "hello world")
                .set(
                        SearchAttributeKey.forOffsetDateTime("CustomDatetimeField"),
                        OffsetDateTime.parse("2024-05-01T12:00:00.5+02:00"))
                .set(SearchAttributeKey.forKeywordList("BuildIds"), List.of("a", "b"))
                .build();
        var proto = SearchAttributesUtil.encodeTyped(sent);

        var decoded = SearchAttributeCodec.decode(proto, REGISTRY);

        assertThat(decoded)
                .containsEntry("CustomKeywordField", "eu-west")
                .containsEntry("CustomIntField", 42L)
                .containsEntry("CustomDoubleField", 2.5)
                .containsEntry("CustomBoolField", true)
                .containsEntry("CustomTextField", "hello world")
                .containsEntry("CustomDatetimeField", Instant.parse("2024-05-01T10:00:00.5Z"))
                .containsEntry("BuildIds", List.of("a", "b"));
    }

    @Test
    void usesTheRegistryTypeWhenMetadataIsMissing() {
        var decoded = SearchAttributeCodec.decode(attributes("CustomIntField", json("[7]", null)), REGISTRY);

        assertThat(decoded).containsEntry("CustomIntField", 7L);
    }

    @Test
    void decodesNullAndEmptyListAsRemoval() {
        var nullPayload = Payload.newBuilder()
                .putMetadata("encoding", ByteString.copyFromUtf8("binary/null"))
                .build();

        assertThat(SearchAttributeCodec.decode(attributes("CustomIntField", nullPayload), REGISTRY))
                .containsEntry("CustomIntField", null);
        assertThat(SearchAttributeCodec.decode(attributes("CustomIntField", json("[]", "Int")), REGISTRY))
                .containsEntry("CustomIntField", null);
    }

    @Test
    void refusesUnknownSystemAndMistypedAttributes() {
        assertThatThrownBy(() -> SearchAttributeCodec.decode(attributes("Nope", json("\"x\"", "Keyword")), REGISTRY))
                .isInstanceOf(InvalidSearchAttributeException.class)
                .hasMessage("search attribute Nope is not defined");
        assertThatThrownBy(() -> SearchAttributeCodec.decode(attributes("WorkflowId", json("\"x\"", null)), REGISTRY))
                .hasMessage("WorkflowId attribute can't be set in SearchAttributes");
        assertThatThrownBy(() -> SearchAttributeCodec.decode(
                        attributes("TemporalWorkerDeployment", json("\"x\"", null)), REGISTRY))
                .hasMessage("TemporalWorkerDeployment attribute can't be set in SearchAttributes");
        assertThatThrownBy(() ->
                        SearchAttributeCodec.decode(attributes("CustomIntField", json("\"abc\"", null)), REGISTRY))
                .hasMessage("invalid value for search attribute CustomIntField of type Int: abc");
        assertThatThrownBy(() -> SearchAttributeCodec.decode(attributes("CustomIntField", json("1.5", null)), REGISTRY))
                .hasMessage("invalid value for search attribute CustomIntField of type Int: 1.5");
        assertThatThrownBy(() -> SearchAttributeCodec.decode(
                        attributes("CustomBoolField", json("[true,false]", null)), REGISTRY))
                .hasMessage("invalid value for search attribute CustomBoolField of type Bool: [true false]");
        assertThatThrownBy(() -> SearchAttributeCodec.decode(
                        attributes("CustomDatetimeField", json("\"2024-05-01\"", null)), REGISTRY))
                .hasMessage("invalid value for search attribute CustomDatetimeField of type Datetime: 2024-05-01");
        assertThatThrownBy(() -> SearchAttributeCodec.decode(attributes("BuildIds", json("\"a\"", null)), REGISTRY))
                .hasMessage("invalid value for search attribute BuildIds of type KeywordList: a");
        assertThatThrownBy(() -> SearchAttributeCodec.decode(
                        attributes("CustomDoubleField", json("{\"b\":1000000,\"a\":null}", null)), REGISTRY))
                .hasMessage(
                        "invalid value for search attribute CustomDoubleField of type Double: map[a:<nil> b:1e+06]");
    }

    @Test
    void refusesOversizedValues() {
        var big = "\"" + "x".repeat(3000) + "\"";

        assertThatThrownBy(
                        () -> SearchAttributeCodec.decode(attributes("CustomKeywordField", json(big, null)), REGISTRY))
                .hasMessage("search attribute CustomKeywordField value size 3002 exceeds size limit 2048");
    }

    @Test
    void encodesWithTypeMetadataThatTheJavaSdkReads() {
        var values = Map.<String, Object>of(
                "CustomKeywordField",
                "eu-west",
                "CustomDatetimeField",
                Instant.parse("2024-05-01T10:00:00.120Z"),
                "BuildIds",
                List.of("a"),
                "RemovedLongAgo",
                "dropped");

        var encoded = SearchAttributeCodec.encode(values, REGISTRY);
        var typed = SearchAttributesUtil.decodeTyped(encoded);

        assertThat(encoded.getIndexedFieldsMap()).doesNotContainKey("RemovedLongAgo");
        assertThat(encoded.getIndexedFieldsOrThrow("CustomDatetimeField")
                        .getData()
                        .toStringUtf8())
                .isEqualTo("\"2024-05-01T10:00:00.12Z\"");
        assertThat(encoded.getIndexedFieldsOrThrow("BuildIds")
                        .getMetadataOrThrow("type")
                        .toStringUtf8())
                .isEqualTo("KeywordList");
        assertThat(typed.get(SearchAttributeKey.forKeyword("CustomKeywordField")))
                .isEqualTo("eu-west");
        assertThat(typed.get(SearchAttributeKey.forKeywordList("BuildIds"))).containsExactly("a");
        assertThat(typed.get(SearchAttributeKey.forOffsetDateTime("CustomDatetimeField"))
                        .toInstant())
                .isEqualTo(Instant.parse("2024-05-01T10:00:00.120Z"));
    }

    @Test
    void roundTripsEachType() {
        var values = Map.<String, Object>of(
                "CustomKeywordField",
                "k",
                "CustomIntField",
                -3L,
                "CustomDoubleField",
                0.1,
                "CustomBoolField",
                false,
                "CustomTextField",
                "some text",
                "CustomDatetimeField",
                Instant.parse("1999-12-31T23:59:59.999999999Z"),
                "BuildIds",
                List.of("x", "y"));

        var decoded = SearchAttributeCodec.decode(SearchAttributeCodec.encode(values, REGISTRY), REGISTRY);

        assertThat(decoded).containsExactlyInAnyOrderEntriesOf(values);
        assertThat(SearchAttributeCodec.metadataType(SearchAttributeCodec.encodeValue("a", INDEXED_VALUE_TYPE_KEYWORD)))
                .isEqualTo(INDEXED_VALUE_TYPE_KEYWORD);
        assertThat(SearchAttributeCodec.decodeValue(
                        "X", json("\"2024-01-01T00:00:00Z\"", "Datetime"), INDEXED_VALUE_TYPE_DATETIME))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(SearchAttributeCodec.decodeValue("X", json("[null, \"a\"]", null), INDEXED_VALUE_TYPE_KEYWORD_LIST))
                .isEqualTo(List.of("", "a"));
    }
}
