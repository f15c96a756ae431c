package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.jetstream.api.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stream configurations with bad subject transforms or republish, sent raw: each is answered with nats-server
 * 2.10's code and text (its configuration check for what it finds there, its create or update error for what it
 * finds only while building the stream), and changes nothing.
 */
class TransformConfigErrorTest extends LiveJetStreamTest {
    @BeforeEach
    void start() throws Exception {
        assertThat(request("$JS.API.STREAM.CREATE.B1", "{\"name\":\"B1\",\"subjects\":[\"b1\"]}")
                        .has("error"))
                .isFalse();
    }

    @Test
    void refusesARepublishDestinationThatFormsACycle() throws Exception {
        assertError(
                create("C1", "\"subjects\":[\"c1.>\"],\"republish\":{\"src\":\">\",\"dest\":\"c1.x\"}"),
                500,
                10052,
                "stream configuration for republish destination forms a cycle");
        assertError(
                update("B1", "\"subjects\":[\"b1\"],\"republish\":{\"dest\":\"*\"}"),
                500,
                10052,
                "stream configuration for republish destination forms a cycle");

        assertThat(streamNames()).containsExactly("B1");
        assertThat(request("$JS.API.STREAM.INFO.B1", "").path("config").has("republish"))
                .isFalse();
    }

    @Test
    void refusesARepublishTransformNatsServerCannotBuild() throws Exception {
        assertError(
                create("C2", "\"subjects\":[\"c2.*\"],\"republish\":{\"src\":\"c2.*\",\"dest\":\"out.$2\"}"),
                500,
                10052,
                "stream configuration for republish with transform from 'c2.*' to 'out.$2' not valid");
        assertError(
                create("C2", "\"subjects\":[\"c2.*\"],\"republish\":{\"dest\":\"out.*\"}"),
                500,
                10052,
                "stream configuration for republish with transform from '>' to 'out.*' not valid");

        assertThat(streamNames()).containsExactly("B1");
    }

    @Test
    void refusesABadStreamSubjectTransformOnCreateAndOnUpdate() throws Exception {
        assertError(
                create(
                        "C3",
                        "\"subjects\":[\"c3.*\"],"
                                + "\"subject_transform\":{\"src\":\"c3.*\",\"dest\":\"x.{{wildcard(2)}}\"}"),
                500,
                10049,
                "stream subject transform from 'c3.*' to 'x.{{wildcard(2)}}': invalid mapping destination: wildcard"
                        + " index out of range in {{wildcard(2)}}: [2]");
        assertError(
                create("C3", "\"subjects\":[\"c3.*\"],\"subject_transform\":{\"src\":\"c3..x\",\"dest\":\"y\"}"),
                500,
                10049,
                "stream subject transform from 'c3..x' to 'y': invalid subject");
        assertError(
                update("B1", "\"subjects\":[\"b1\"],\"subject_transform\":{\"src\":\"b1\",\"dest\":\"x.$1\"}"),
                500,
                10069,
                "stream configuration for subject transform from 'b1' to 'x.$1': invalid mapping destination:"
                        + " wildcard index out of range in $1");

        assertThat(streamNames()).containsExactly("B1");
        assertThat(request("$JS.API.STREAM.INFO.B1", "").path("config").has("subject_transform"))
                .isFalse();
    }

    @Test
    void refusesSourceTransformsAsNatsServerDoes() throws Exception {
        assertError(
                create(
                        "S1",
                        source("\"filter_subject\":\"b1\",\"subject_transforms\":[{\"src\":\"b1\",\"dest\":\"x\"}]")),
                400,
                10144,
                "source with multiple subject transforms cannot also have a single subject filter");
        assertError(
                create("S1", source("\"subject_transforms\":[{\"src\":\"b1\",\"dest\":\"x..y\"}]")),
                400,
                10146,
                "source transform destination is invalid");
        assertError(
                create("S1", source("\"subject_transforms\":[{\"src\":\"b1\",\"dest\":\"x.{{left(1,2)}}\"}]")),
                400,
                10146,
                "source transform destination is invalid");
        assertError(
                create("S1", source("\"subject_transforms\":[{\"src\":\"a..b\",\"dest\":\"x\"}]")),
                400,
                10145,
                "source subject filter is invalid");
        assertError(
                create(
                        "S1",
                        source("\"subject_transforms\":[{\"src\":\"a.>\",\"dest\":\"x.>\"},"
                                + "{\"src\":\"a.b\",\"dest\":\"y\"}]")),
                400,
                10147,
                "source filters can not overlap");
        assertError(
                create("S1", source("\"subject_transforms\":[{\"src\":\"a.*\",\"dest\":\"b.$2\"}]")),
                500,
                10049,
                "subject transform from 'a.*' to 'b.$2' for the source: invalid mapping destination: wildcard index"
                        + " out of range in $2: [2]");

        assertThat(streamNames()).containsExactly("B1");
    }

    @Test
    void refusesMirrorTransformsAsNatsServerDoes() throws Exception {
        assertError(
                create(
                        "M1",
                        mirror("\"filter_subject\":\"b1\",\"subject_transforms\":[{\"src\":\"b1\",\"dest\":\"x\"}]")),
                400,
                10150,
                "mirror with multiple subject transforms cannot also have a single subject filter");
        assertError(
                create("M1", mirror("\"subject_transforms\":[{\"src\":\"\",\"dest\":\"x.>\"}]")),
                400,
                10151,
                "mirror subject filter is invalid");
        assertError(
                create(
                        "M1",
                        mirror("\"subject_transforms\":[{\"src\":\"a.*\",\"dest\":\"x.$1\"},"
                                + "{\"src\":\"a.b\",\"dest\":\"y\"}]")),
                400,
                10152,
                "mirror subject filters can not overlap");
        assertError(
                create("M1", mirror("\"subject_transforms\":[{\"src\":\"b1\",\"dest\":\"x.{{split(1,-)}}\"}]")),
                500,
                10049,
                "subject transform from 'b1' to 'x.{{split(1,-)}}' for the mirror: invalid mapping destination:"
                        + " wildcard index out of range in {{split(1,-)}}");

        assertThat(streamNames()).containsExactly("B1");
    }

    private static String source(String fields) {
        return "\"subjects\":[\"s1\"],\"sources\":[{\"name\":\"B1\"," + fields + "}]";
    }

    private static String mirror(String fields) {
        return "\"mirror\":{\"name\":\"B1\"," + fields + "}";
    }

    private JsonNode create(String name, String fields) throws Exception {
        return request("$JS.API.STREAM.CREATE." + name, "{\"name\":\"" + name + "\"," + fields + "}");
    }

    private JsonNode update(String name, String fields) throws Exception {
        return request("$JS.API.STREAM.UPDATE." + name, "{\"name\":\"" + name + "\"," + fields + "}");
    }

    private JsonNode request(String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(reply).as("reply to %s %s", subject, body).isNotNull();
        return Json.MAPPER.readTree(reply.getData());
    }

    private java.util.List<String> streamNames() throws Exception {
        return connection.jetStreamManagement().getStreamNames();
    }

    private static void assertError(JsonNode response, int code, int errCode, String description) {
        assertThat(response.path("error").toString())
                .isEqualTo("{\"code\":%d,\"err_code\":%d,\"description\":\"%s\"}", code, errCode, description);
    }
}
