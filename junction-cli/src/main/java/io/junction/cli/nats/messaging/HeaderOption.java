package io.junction.cli.nats.messaging;

import io.junction.cli.nats.CliException;
import io.nats.client.impl.Headers;
import java.util.List;

/** Headers given as {@code -H key:value}, repeatable, as the nats CLI takes them. */
final class HeaderOption {
    private HeaderOption() {}

    static Headers parse(List<String> values, long count) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        var headers = new Headers();
        for (var value : values) {
            var colon = value.indexOf(':');
            if (colon < 1) {
                throw new CliException("invalid header \"" + value + "\", use key:value");
            }
            headers.add(
                    value.substring(0, colon).strip(),
                    Template.expand(value.substring(colon + 1).strip(), count));
        }
        return headers;
    }
}
