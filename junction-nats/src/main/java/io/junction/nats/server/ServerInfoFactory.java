package io.junction.nats.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Builds the INFO line a client receives on connect.
 *
 * <p>The {@code version} is the nats-server release whose client protocol and JetStream features Junction serves; the
 * clients turn features on by it (jnats' multi-filter consumers from 2.10, batch direct get from 2.11), so it must
 * never claim more than Junction serves.
 */
public final class ServerInfoFactory {
    /** The nats-server version whose client protocol and JetStream Junction serves. */
    public static final String NATS_VERSION = "2.10.29";

    public static final String JUNCTION_VERSION = "0.1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode template;

    ServerInfoFactory(
            String serverId,
            String serverName,
            ServerOptions options,
            int port,
            boolean authRequired,
            boolean jetStream) {
        template = JSON.createObjectNode();
        template.put("server_id", serverId);
        template.put("server_name", serverName);
        template.put("version", NATS_VERSION);
        template.put("proto", 1);
        template.put("git_commit", "junction-" + JUNCTION_VERSION);
        template.put("go", "java" + Runtime.version().feature());
        template.put("host", options.host());
        template.put("port", port);
        template.put("headers", true);
        if (authRequired) {
            template.put("auth_required", true);
        }
        template.put("max_payload", options.maxPayload());
        if (jetStream) {
            template.put("jetstream", true);
        }
        // nats-server names its domain whether or not JetStream runs.
        if (options.jetStream().domain() != null) {
            template.put("domain", options.jetStream().domain());
        }
    }

    byte[] infoFor(long clientId, String clientIp) {
        var info = template.deepCopy();
        info.put("client_id", clientId);
        if (clientIp != null) {
            info.put("client_ip", clientIp);
        }
        return ("INFO " + info + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    String json() {
        return template.toString();
    }
}
