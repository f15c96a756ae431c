package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.nats.server.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class ConfigPropertiesTest {
    private static final String SYNTAX = "{}[]()\"'#/\\$=:;,.-+ \n\r\t\u0000\u00a0\u00e9";
    private static final String WORDS = "abcxyzkKmGgbiIeE0123456789_";

    @Property(tries = 300)
    void readsBackWhatTheWriterWrote(@ForAll("documents") Map<String, Object> document) {
        var text = ConfigWriter.document(document);

        var parsed = Plain.parse(text);

        assertThat(parsed).as(text).isEqualTo(document);
    }

    @Property(tries = 3000)
    void failsOnGarbageOnlyWithConfigException(@ForAll("garbage") String text) {
        try {
            var map = new ConfigParser(Plain.NO_ENVIRONMENT)
                    .parseText(text, "garbage.conf", Path.of("/nonexistent-junction-config"));
            new TopLevelSettings(ServerOptions.builder()).apply(map);
        } catch (ConfigException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void failsOnMistypedSettingsOnlyWithConfigException(@ForAll("settings") Map<String, Object> document) {
        try {
            var map = new ConfigParser(Plain.NO_ENVIRONMENT).parseText(ConfigWriter.document(document), "t.conf", null);
            new TopLevelSettings(ServerOptions.builder()).apply(map);
        } catch (ConfigException expected) {
            assertThat(expected.getMessage()).startsWith("t.conf:");
        }
    }

    @Test
    void failsOnVeryDeepNestingWithConfigExceptionRatherThanStackOverflow() {
        var text = "a: " + "[".repeat(100_000);

        assertThatThrownBy(() -> Plain.parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nested more than");
    }

    @Provide
    Arbitrary<Map<String, Object>> documents() {
        return maps(3);
    }

    @Provide
    Arbitrary<String> garbage() {
        var syntax = Arbitraries.strings()
                .withChars(SYNTAX.toCharArray())
                .ofMinLength(1)
                .ofMaxLength(3);
        var words = Arbitraries.strings()
                .withChars(WORDS.toCharArray())
                .ofMinLength(1)
                .ofMaxLength(6);
        var keywords = Arbitraries.of("include ", "port: ", "true", "$HOME", "$2a$x", "1G", "2023-", "0.1.2", "\\x");
        var pieces = Arbitraries.frequencyOf(Tuple.of(5, syntax), Tuple.of(4, words), Tuple.of(1, keywords));
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    /** Documents made of real setting names with values of any type and shape. */
    @Provide
    Arbitrary<Map<String, Object>> settings() {
        var names = Arbitraries.of(
                "port",
                "listen",
                "http",
                "host",
                "max_payload",
                "max_pending",
                "ping_interval",
                "write_deadline",
                "authorization",
                "user",
                "password",
                "token",
                "timeout",
                "users",
                "permissions",
                "publish",
                "subscribe",
                "allow",
                "deny",
                "allow_responses",
                "max",
                "expires",
                "default_permissions",
                "no_auth_user",
                "accounts",
                "jetstream",
                "store_dir",
                "max_mem",
                "max_file",
                "enabled",
                "cipher",
                "cluster",
                "name",
                "routes",
                "tls",
                "verify",
                "nkey",
                "debug",
                "log_file",
                "websocket");
        Arbitrary<Object> shaped = Arbitraries.lazyOf(
                () -> values(1),
                () -> Arbitraries.maps(names, values(1)).ofMaxSize(4).map(map -> (Object) map),
                () -> Arbitraries.maps(
                                names,
                                Arbitraries.maps(names, values(1)).ofMaxSize(3).map(map -> (Object) map))
                        .ofMaxSize(3)
                        .map(map -> (Object) map));
        return Arbitraries.maps(names, shaped).ofMaxSize(6);
    }

    private Arbitrary<Object> values(int depth) {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(text -> (Object) text),
                Arbitraries.longs().map(number -> (Object) number),
                Arbitraries.of(true, false).map(flag -> (Object) flag),
                Arbitraries.doubles().between(-1e6, 1e6).map(number -> (Object) number));
        if (depth == 0) {
            return scalars;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalars),
                Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(list -> (Object) List.copyOf(list))),
                Tuple.of(1, maps(depth - 1).map(map -> (Object) map)));
    }

    private Arbitrary<Map<String, Object>> maps(int depth) {
        var keys = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars("_-0123456789".toCharArray())
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(key -> Character.isLetter(key.charAt(0)) && !key.equalsIgnoreCase("include"));
        return Arbitraries.maps(keys, values(depth)).ofMaxSize(4);
    }
}
