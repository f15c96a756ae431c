package io.junction.nats.config;

import io.junction.nats.config.ConfigValue.IntegerValue;
import io.junction.nats.config.ConfigValue.StringValue;

/**
 * A {@code listen}-style value: a port alone, or {@code host:port} split as Go's {@code net.SplitHostPort} splits it
 * ({@code [::1]:4222} for IPv6). The host is null when the value names none.
 */
record ListenAddress(String host, int port) {
    /**
     * @throws ConfigException when the value is neither a port nor a {@code host:port} string
     */
    static ListenAddress of(Setting setting) {
        return switch (setting.value()) {
            case IntegerValue number -> new ListenAddress(null, setting.int32());
            case StringValue text -> split(setting, text.value());
            default ->
                throw setting.problem("expected port or host:port for '" + setting.key() + "', got "
                        + setting.value().describe());
        };
    }

    private static ListenAddress split(Setting setting, String address) {
        String host;
        String port;
        if (address.startsWith("[")) {
            var end = address.indexOf(']');
            if (end < 0 || end + 1 >= address.length() || address.charAt(end + 1) != ':') {
                throw unparsable(setting, address);
            }
            host = address.substring(1, end);
            port = address.substring(end + 2);
        } else {
            var colon = address.lastIndexOf(':');
            if (colon < 0 || address.substring(0, colon).contains(":")) {
                throw unparsable(setting, address);
            }
            host = address.substring(0, colon);
            port = address.substring(colon + 1);
        }
        if (host.contains("[") || host.contains("]") || port.contains("[") || port.contains("]")) {
            throw unparsable(setting, address);
        }
        return new ListenAddress(host.isEmpty() ? null : host, port(setting, port));
    }

    private static int port(Setting setting, String port) {
        if (!port.matches("[+-]?[0-9]+")) {
            throw setting.problem("could not parse port \"" + port + "\"");
        }
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw setting.problem("could not parse port \"" + port + "\"");
        }
    }

    private static ConfigException unparsable(Setting setting, String address) {
        return setting.problem("could not parse address string \"" + address + "\"");
    }
}
