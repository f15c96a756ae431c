package io.junction.nats.config;

import io.junction.nats.server.ServerOptions.ClusterOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@code cluster} block. Junction does not cluster yet, so everything is checked as nats-server checks it
 * but only the name, address and routes are kept.
 */
final class ClusterReader {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterReader.class);
    private static final String ANY_HOST = "0.0.0.0";

    private ClusterReader() {}

    /**
     * @throws ConfigException at an unknown field, a wrong type or an unparsable route URL
     */
    static ClusterOptions read(Setting setting) {
        if (!(setting.value() instanceof ConfigMap map)) {
            throw setting.problem(
                    "expected map to define cluster, got " + setting.value().describe());
        }
        String name = null;
        String host = null;
        var port = 0;
        var routes = new ArrayList<String>();
        for (var entry : map.entries()) {
            var field = Setting.of(entry);
            switch (field.name()) {
                case "name" -> name = field.string();
                case "listen" -> {
                    var address = ListenAddress.of(field);
                    host = address.host();
                    port = address.port();
                }
                case "port" -> port = field.int32();
                case "host", "net" -> host = field.string();
                case "routes" -> routes = routes(field);
                case "authorization" -> authorization(field);
                case "permissions" -> permissions(field);
                case "cluster_advertise", "advertise" -> field.string();
                case "no_advertise" -> field.bool();
                case "connect_retries" -> field.integer();
                case "tls" -> field.map();
                default -> {
                    if (!entry.isUsedAsVariable()) {
                        throw field.problem("unknown field \"" + entry.key() + "\"");
                    }
                }
            }
        }
        return new ClusterOptions(name, host == null ? ANY_HOST : host, port, routes);
    }

    /** Route URLs; a repeated one is skipped with a warning, as nats-server does. */
    private static ArrayList<String> routes(Setting setting) {
        var routes = new LinkedHashSet<String>();
        for (var element : setting.array()) {
            var url = element.string().strip();
            try {
                new URI(url);
            } catch (URISyntaxException e) {
                throw element.problem("error parsing route url [\"" + url + "\"]");
            }
            if (!routes.add(url)) {
                LOG.warn("{}: duplicate route entry detected: {}", element.position(), url);
            }
        }
        return new ArrayList<>(routes);
    }

    private static void authorization(Setting setting) {
        var authorization = Authorization.read(setting);
        if (authorization.users() != null) {
            throw setting.problem("cluster authorization does not allow multiple users");
        }
        if (authorization.hasToken()) {
            throw setting.problem("cluster authorization does not support tokens");
        }
    }

    private static void permissions(Setting setting) {
        if (PermissionsReader.read(setting).responses() != null) {
            throw setting.problem("cluster permissions do not support dynamic responses");
        }
    }
}
