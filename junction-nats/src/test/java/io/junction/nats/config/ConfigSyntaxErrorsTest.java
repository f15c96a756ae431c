package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigSyntaxErrorsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "port:\\n|1:6: expected a value after 'port', got a new line",
                "debug: true\\nport|2:1: expected a value after 'port'",
                "host: \"unterminated|1:8: unterminated string: no closing \"",
                "host: 'unterminated|1:8: unterminated string: no closing '",
                "text: (\\nno end\\n|1:8: unterminated block string: no ')' on a line of its own",
                "m {\\n  a: 1\\n|3:1: unexpected end of file in a map; missing '}'",
                "a [1, 2,|1:9: unexpected end of file in an array; missing ']'",
                "a [1,,2]|1:6: unexpected ',' in an array where a value was expected",
                "m {a: 1 b: 2}|1:9: expected ',' or '}' after a map value, got 'b'",
                "m {a: }|1:7: expected a value after 'a', got '}'",
                "port: 4222 host|1:12: expected a new line or ';' after the value of 'port', got 'h'",
                "p: \"a\\qb\"|1:6: invalid escape 'q'; only \\xXX, \\t, \\n, \\r, \\\" and \\\\ are allowed",
                "p: \"\\xZZ\"|1:5: expected two hexadecimal digits after '\\x', got 'ZZ'",
                "f: 1.x|1:6: floats must have a digit after the '.', got 'x'",
                "f: .5|1:4: floats must start with a digit",
                "n: -x|1:5: expected a digit after '-', got 'x'",
                "d: 12-3|1:4: dates must be in full ISO 8601 Zulu form, as 2023-01-31T12:00:00Z",
                "d: 2023-01-31X|1:14: expected 'T' in the ISO 8601 date, got 'X'",
                "d: 2023-13-01T00:00:00Z|1:4: expected a date and time in Zulu form, got '2023-13-01T00:00:00Z'",
                "n: 99999999999999999999|1:4: integer '99999999999999999999' is out of range",
                "ping_interval: 1m30s|1:18: expected a new line or ';' after the value of 'ping_interval', got '3'",
                "write_deadline: 2.5s|1:20: expected a new line or ';' after the value of 'write_deadline', got 's'",
                ": 1|1:1: unexpected key separator ':'",
                "/x: 1|1:1: unexpected '/' where a key was expected",
                "a [/x]|1:4: unexpected '/' in an array; quote values that start with '/'",
                "include\\n|1:8: expected a file name after include, got a new line",
                "include [a]|1:9: expected a file name after include, got the start of an array",
                "m {\\n  ]\\n}|2:3: unexpected ']' in a map"
            })
    void namesFileLineAndColumnOfTheProblem(String text, String message) {
        var input = text.replace("\\n", "\n");

        assertThatThrownBy(() -> Plain.parse(input))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.conf:" + message);
    }
}
