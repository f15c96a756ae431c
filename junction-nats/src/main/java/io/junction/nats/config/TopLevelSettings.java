package io.junction.nats.config;

import io.junction.nats.config.ConfigValue.BoolValue;
import io.junction.nats.config.ConfigValue.IntegerValue;
import io.junction.nats.server.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the top-level settings of a parsed file to server options, in file order, with nats-server's names,
 * aliases and checks. Every setting is tried; all problems are reported together, one per line, as nats-server
 * reports them.
 */
final class TopLevelSettings {
    private static final Logger LOG = LoggerFactory.getLogger(TopLevelSettings.class);
    private static final String ANY_HOST = "0.0.0.0";
    private static final Set<String> TLS_VERIFY =
            Set.of("verify", "verify_and_map", "verify_cert_and_check_known_urls");

    private final ServerOptions.Builder builder;
    private final JetStreamSettings jetStream = new JetStreamSettings();
    private final AuthSettings auth = new AuthSettings();
    private final List<String> problems = new ArrayList<>();
    private Setting maxPayload;
    private long maxPending = ServerOptions.DEFAULT_MAX_PENDING;

    TopLevelSettings(ServerOptions.Builder builder) {
        this.builder = builder;
    }

    /**
     * @throws ConfigException listing every problem found, one {@code file:line:column: problem} per line
     */
    void apply(ConfigMap root) {
        for (var entry : root.entries()) {
            attempt(() -> apply(entry));
        }
        if (problems.isEmpty()) {
            // Cross-setting checks only make sense once every setting was read; they would repeat earlier errors.
            attempt(this::finish);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }

    private void attempt(Runnable step) {
        try {
            step.run();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
    }

    private void apply(ConfigEntry entry) {
        var setting = Setting.of(entry);
        switch (setting.name()) {
            case "listen" -> {
                var address = ListenAddress.of(setting);
                builder.host(address.host() == null ? ANY_HOST : address.host()).port(address.port());
            }
            case "port" -> builder.port(setting.int32());
            case "host", "net" -> builder.host(setting.string());
            case "server_name" -> builder.serverName(setting.string());
            case "debug" -> builder.debug(setting.bool());
            case "trace", "trace_verbose" -> builder.trace(setting.bool());
            case "logtime" -> setting.bool();
            case "http" -> {
                var address = ListenAddress.of(setting);
                builder.httpHost(address.host()).httpPort(address.port());
            }
            case "http_port", "monitor_port" -> builder.httpPort(setting.int32());
            case "max_payload" -> {
                builder.maxPayload(setting.int32());
                maxPayload = setting;
            }
            case "max_control_line" -> builder.maxControlLine(setting.int32());
            case "max_pending" -> {
                maxPending = setting.integer();
                builder.maxPending(maxPending);
            }
            case "max_connections", "max_conn" -> builder.maxConnections(setting.int32());
            case "max_subscriptions", "max_subs" -> builder.maxSubscriptions(setting.int32());
            case "ping_interval" -> builder.pingInterval(duration(setting));
            case "ping_max" -> builder.maxPingsOut(setting.int32());
            case "write_deadline" -> builder.writeDeadline(duration(setting));
            case "logfile", "log_file" -> builder.logFile(setting.path());
            // TODO: the pid file is read but not written, so scripts that signal the server through it find none.
            case "pidfile", "pid_file" -> builder.pidFile(setting.path());
            case "ports_file_dir" -> builder.portsFileDir(setting.path());
            case "authorization" -> auth.authorization(Authorization.read(setting));
            case "accounts" -> auth.accounts(AccountsReader.read(setting));
            case "no_auth_user" -> auth.noAuthUser(setting);
            case "store_dir", "storedir" -> jetStream.storeDir(setting);
            case "jetstream" -> jetStream.read(setting);
            case "cluster" -> builder.cluster(ClusterReader.read(setting));
            case "temporal" -> builder.temporal(TemporalReader.read(setting));
            case "tls" -> tls(setting);
            default -> UnservedSettings.accept(entry);
        }
    }

    private void finish() {
        builder.jetStream(jetStream.build());
        builder.auth(auth.build());
        if (auth.timeout() != null) {
            builder.authTimeout(auth.timeout());
        }
        // A max_pending of 0 means the default, as for nats-server.
        var pending = maxPending == 0 ? ServerOptions.DEFAULT_MAX_PENDING : maxPending;
        if (maxPayload != null && maxPayload.integer() > pending) {
            throw maxPayload.problem(
                    "max_payload (" + maxPayload.integer() + ") cannot be higher than max_pending (" + pending + ")");
        }
    }

    /**
     * A Go duration string, or, as nats-server still allows with a warning, a number of seconds. Beware that an
     * unquoted {@code 2m} is the number 2,000,000.
     */
    private static Duration duration(Setting setting) {
        if (setting.value() instanceof IntegerValue seconds) {
            LOG.warn(
                    "{}: invalid use of field \"{}\": {} should be converted to a duration; {} is read as seconds, "
                            + "write a quoted duration such as \"2m\"",
                    setting.position(),
                    setting.key(),
                    setting.key(),
                    seconds.value());
            return Duration.ofSeconds(seconds.value());
        }
        return setting.goDuration();
    }

    // TODO: TLS is not served, so clients that require it cannot connect and the others send credentials in clear.
    private void tls(Setting setting) {
        var map = setting.map();
        LOG.warn("{}: tls is not supported yet and is ignored; clients connect without encryption", setting.position());
        for (var entry : map.entries()) {
            if (TLS_VERIFY.contains(Setting.of(entry).name())
                    && entry.value() instanceof BoolValue flag
                    && flag.value()) {
                auth.clientCertificatesRequired(Setting.of(entry));
            }
        }
    }
}
