package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigIncludeTest {
    @TempDir
    Path dir;

    @Test
    void includesAFileRelativeToTheIncludingFile() throws IOException {
        write("conf/sub/users.conf", "users: [{user: a}]\ninclude more.conf");
        write("conf/sub/more.conf", "timeout: 2");
        var main = write("conf/nats.conf", "port: 4222\nauthorization {\n  include sub/users.conf\n}\n");

        var parsed = parseFile(main);

        assertThat(parsed)
                .containsEntry("port", 4222L)
                .containsEntry("authorization", Map.of("users", List.of(Map.of("user", "a")), "timeout", 2L));
    }

    @Test
    void acceptsQuotedIncludeNamesAndTheIncludeKeywordInAnyCase() throws IOException {
        write("a b.conf", "a: 1");
        write("c.conf", "c: 3");
        var main = write("nats.conf", "include \"a b.conf\"\nINCLUDE 'c.conf' # comment\n");

        assertThat(parseFile(main)).containsEntry("a", 1L).containsEntry("c", 3L);
    }

    @Test
    void letsLaterKeysOverrideIncludedOnesAndIncludedOnesOverrideEarlierOnes() throws IOException {
        write("defaults.conf", "port: 1\nhost: included");
        var main = write("nats.conf", "host: first\ninclude defaults.conf\nport: 2\n");

        assertThat(parseFile(main)).containsEntry("host", "included").containsEntry("port", 2L);
    }

    @Test
    void doesNotShareVariablesWithTheIncludedFile() throws IOException {
        write("uses.conf", "password: $SECRET");
        var main = write("nats.conf", "SECRET: s\ninclude uses.conf\n");

        assertThatThrownBy(() -> parseFile(main))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("uses.conf") + ":1:11: variable reference for 'SECRET'");
    }

    @Test
    void letsTheIncludingFileUseKeysOfTheIncludedOneAsVariables() throws IOException {
        write("secrets.conf", "SECRET: s");
        var main = write("nats.conf", "include secrets.conf\npassword: $SECRET\n");

        assertThat(parseFile(main)).containsEntry("password", "s");
    }

    @Test
    void joinsAnAbsoluteIncludeNameToTheDirectoryAsNatsServerDoes() throws IOException {
        write("etc/extra.conf", "a: 1");
        var main = write("nats.conf", "include /etc/extra.conf\n");

        assertThat(parseFile(main)).containsEntry("a", 1L);
    }

    @Test
    void namesTheIncludingFileAndLineWhenTheIncludedFileIsMissing() throws IOException {
        var main = write("nats.conf", "port: 4222\ninclude missing.conf\n");

        assertThatThrownBy(() -> parseFile(main))
                .isInstanceOf(ConfigException.class)
                .hasMessage(main + ":2:1: error parsing include file 'missing.conf': cannot read "
                        + dir.resolve("missing.conf") + ": no such file");
    }

    @Test
    void namesTheIncludedFileAndLineForASyntaxErrorInIt() throws IOException {
        write("bad.conf", "ok: 1\nbroken: [1,\n");
        var main = write("nats.conf", "include bad.conf\n");

        assertThatThrownBy(() -> parseFile(main))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("bad.conf") + ":3:1: unexpected end of file in an array; missing ']'");
    }

    @Test
    void failsOnAnIncludeCycle() throws IOException {
        write("a.conf", "include b.conf");
        write("b.conf", "include a.conf");
        var main = write("nats.conf", "include a.conf");

        assertThatThrownBy(() -> parseFile(main))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("b.conf:1:1: include 'a.conf' forms a cycle");
    }

    private static Map<String, Object> parseFile(Path file) {
        return Plain.asMap(new ConfigParser(Plain.NO_ENVIRONMENT).parseFile(file));
    }

    private Path write(String name, String text) throws IOException {
        var file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
