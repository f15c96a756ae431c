package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigVariablesTest {
    @Test
    void resolvesAVariableFromTheSameMap() {
        var parsed = Plain.parse("PASS: secret\npassword: $PASS");

        assertThat(parsed).containsEntry("password", "secret");
    }

    @Test
    void resolvesFromTheInnermostEnclosingMapFirst() {
        var parsed = Plain.parse("X: outer\nY: top\nblock {\n  X: inner\n  a: $X\n  b: $Y\n}");

        assertThat(parsed).containsEntry("block", Map.of("X", "inner", "a", "inner", "b", "top"));
    }

    @Test
    void looksThroughArraysIntoTheMapsAroundThem() {
        var parsed = Plain.parse("ROLE: admin\nusers [\n  {user: a, password: $user, role: $ROLE}\n]");

        assertThat(parsed).containsEntry("users", List.of(Map.of("user", "a", "password", "a", "role", "admin")));
    }

    @Test
    void resolvesMapsAndArraysAsWholeValues() {
        var parsed = Plain.parse("PERMS {publish: [a, b]}\nusers [{user: u, permissions: $PERMS}]");

        assertThat(parsed)
                .containsEntry(
                        "users", List.of(Map.of("user", "u", "permissions", Map.of("publish", List.of("a", "b")))));
    }

    @Test
    void keepsAQuotedDollarLiteral() {
        var parsed = Plain.parse("a: \"$NOT_A_VARIABLE\"\nb: '$ALSO_NOT'");

        assertThat(parsed).containsEntry("a", "$NOT_A_VARIABLE").containsEntry("b", "$ALSO_NOT");
    }

    @Test
    void keepsABareBcryptHashLiteral() {
        var hash = "$2a$11$pBwUBpza8vdJ7tWZcP5GRO13qRgh4dwNn8V8yuANITe/eNpGnx7HG";

        var parsed = Plain.parse("password: " + hash);

        assertThat(parsed).containsEntry("password", hash);
    }

    @Test
    void readsUndefinedVariablesFromTheEnvironmentAsValuesOfTheirOwnType() {
        var environment = Map.of("PORT", "4222", "ROUTES", "[a, b]", "NAME", "edge-1", "FLAG", "on");

        var parsed = Plain.parse("port: $PORT\nroutes: $ROUTES\nname: $NAME\nflag: $FLAG", environment);

        assertThat(parsed)
                .containsEntry("port", 4222L)
                .containsEntry("routes", List.of("a", "b"))
                .containsEntry("name", "edge-1")
                .containsEntry("flag", true);
    }

    @Test
    void readsTheRealProcessEnvironment() {
        var home = System.getenv("HOME");
        assumeThat(home).isNotBlank().doesNotContain(" ");

        var parsed = Plain.asMap(new ConfigParser(System::getenv).parseText("dir: $HOME", "t.conf", null));

        assertThat(parsed).containsEntry("dir", home);
    }

    @Test
    void prefersAKeyInTheFileOverAnEnvironmentVariable() {
        var parsed = Plain.parse("NAME: from-file\nname: $NAME", Map.of("NAME", "from-environment"));

        assertThat(parsed).containsEntry("name", "from-file");
    }

    @Test
    void letsEnvironmentValuesReferToOtherEnvironmentVariables() {
        var parsed = Plain.parse("a: $OUTER", Map.of("OUTER", "$INNER", "INNER", "deep"));

        assertThat(parsed).containsEntry("a", "deep");
    }

    @Test
    void failsOnAnEnvironmentVariableThatRefersToItself() {
        assertThatThrownBy(() -> Plain.parse("a: $LOOP", Map.of("LOOP", "$LOOP")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.conf:1:4: variable reference for 'LOOP' could not be parsed:")
                .hasMessageContaining("environment variable 'LOOP' refers to itself");
    }

    @Test
    void failsOnAnUndefinedVariableNamingFileLineAndColumn() {
        assertThatThrownBy(() -> Plain.parse("port: 4222\nhost: $NO_SUCH_VARIABLE"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.conf:2:7: variable reference for 'NO_SUCH_VARIABLE' can not be found in the file "
                        + "or the environment");
    }

    @Test
    void doesNotSeeKeysDefinedAfterTheReference() {
        assertThatThrownBy(() -> Plain.parse("a: $LATER\nLATER: 1")).isInstanceOf(ConfigException.class);
    }

    @Test
    void givesTheValueThePositionOfTheReferenceAndMarksTheKeyUsed() {
        var map = Plain.map("SECRET: s3cr3t\n\nblock {\n  password: $SECRET\n}");

        var value = ((ConfigMap) map.entry("block").value()).entry("password").value();

        assertThat(value.position()).isEqualTo(new Position("test.conf", 4, 13));
        assertThat(map.entry("SECRET").isUsedAsVariable()).isTrue();
        assertThat(map.entry("block").isUsedAsVariable()).isFalse();
    }
}
