package io.junction.nats.config;

import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Top-level settings nats-server 2.9 knows and Junction does not act on yet, and what becomes of them: most are
 * accepted with a DEBUG line (test harnesses write {@code leafnodes}, {@code websocket}, {@code server_tags}); a
 * few are accepted with a WARN because ignoring them changes what clients get; operator mode is refused because
 * ignoring it would start without the authentication it asks for. Any other key is an error, as in nats-server.
 */
final class UnservedSettings {
    private static final Logger LOG = LoggerFactory.getLogger(UnservedSettings.class);

    private static final Set<String> OPERATOR_MODE = Set.of(
            "operator",
            "operators",
            "roots",
            "root",
            "root_operators",
            "root_operator",
            "resolver",
            "account_resolver",
            "accounts_resolver",
            "resolver_tls",
            "resolver_preload",
            "resolver_pinned_accounts",
            "trusted",
            "trusted_keys");

    private static final Map<String, String> WARNED = Map.of(
            "mappings", "messages are delivered on the subjects they were published to",
            "maps", "messages are delivered on the subjects they were published to");

    private static final Set<String> QUIET = Set.of(
            "client_advertise",
            "disable_sublist_cache",
            "no_sublist_cache",
            "https",
            "https_port",
            "http_base_path",
            "gateway",
            "leaf",
            "leafnodes",
            "logfile_size_limit",
            "log_size_limit",
            "syslog",
            "remote_syslog",
            "prof_port",
            "max_traced_msg_len",
            "max_sub_tokens",
            "max_subscription_tokens",
            "ocsp",
            "allow_non_tls",
            "lame_duck_duration",
            "lame_duck_grace_period",
            "system_account",
            "system",
            "no_system_account",
            "no_system",
            "no_sys_acc",
            "no_header_support",
            "connect_error_reports",
            "reconnect_error_reports",
            "websocket",
            "ws",
            "mqtt",
            "server_tags",
            "default_js_domain");

    private UnservedSettings() {}

    /**
     * Accepts a top-level key no other reader took, logging what Junction does not serve.
     *
     * @throws ConfigException for operator mode, and for a key nats-server does not know unless it is only a
     *     variable used elsewhere in the file
     */
    static void accept(ConfigEntry entry) {
        var setting = Setting.of(entry);
        var name = setting.name();
        // TODO: operator mode (JWT accounts and resolvers) is refused, so decentralised-auth deployments cannot run.
        if (OPERATOR_MODE.contains(name)) {
            throw setting.problem("'" + entry.key() + "': operator mode (JWT authentication) is not supported yet; "
                    + "Junction will not start without the authentication this file asks for");
        }
        if (WARNED.containsKey(name)) {
            LOG.warn("{}: {} is not supported yet and is ignored; {}", entry.position(), entry.key(), WARNED.get(name));
        } else if (QUIET.contains(name)) {
            LOG.debug("{}: {} is not supported yet and is ignored", entry.position(), entry.key());
        } else if (!entry.isUsedAsVariable()) {
            throw setting.problem("unknown field \"" + entry.key() + "\"");
        }
    }
}
