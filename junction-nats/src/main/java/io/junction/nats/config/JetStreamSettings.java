package io.junction.nats.config;

import io.junction.nats.config.ConfigValue.BoolValue;
import io.junction.nats.config.ConfigValue.IntegerValue;
import io.junction.nats.config.ConfigValue.StringValue;
import io.junction.nats.server.ServerOptions.JetStreamOptions;
import io.junction.nats.subject.Subjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Collects JetStream settings: the {@code jetstream} block (a map, a boolean, or {@code enabled}/{@code disabled})
 * and the top-level {@code store_dir}, which may be given in only one of the two places.
 *
 * <p>Sizes follow nats-server: a bare {@code 1G} is 10^9 bytes, {@code 1GB} and a quoted {@code "1G"} are 2^30.
 */
final class JetStreamSettings {
    private boolean enabled;
    private boolean mentioned;
    private Path storeDir;
    private long maxMemory = -1;
    private long maxStore = -1;
    private Duration syncInterval;
    private String domain;

    /**
     * The top-level {@code store_dir}.
     *
     * @throws ConfigException when the store directory was already given
     */
    void storeDir(Setting setting) {
        if (storeDir != null) {
            throw setting.problem("duplicate 'store_dir' configuration");
        }
        storeDir = Path.of(setting.string());
    }

    /**
     * @throws ConfigException at an unknown field, a wrong type or an invalid size
     */
    void read(Setting setting) {
        mentioned = true;
        switch (setting.value()) {
            case BoolValue flag -> enabled = flag.value();
            case StringValue text -> enabled = enabledWord(setting, text.value());
            case ConfigMap map -> readMap(map);
            default ->
                throw setting.problem("expected map, bool or string to define JetStream, got "
                        + setting.value().describe());
        }
    }

    JetStreamOptions build() {
        return new JetStreamOptions(
                enabled, storeDir, maxMemory, maxStore, mentioned && !enabled, syncInterval, domain);
    }

    private void readMap(ConfigMap map) {
        var enable = true;
        for (var entry : map.entries()) {
            var field = Setting.of(entry);
            switch (field.name()) {
                case "store", "store_dir", "storedir" -> storeDir(field);
                case "max_memory_store", "max_mem_store", "max_mem" -> maxMemory = size(field, "max_mem_store");
                case "max_file_store", "max_file" -> maxStore = size(field, "max_file_store");
                case "enable", "enabled" -> enable = field.bool();
                case "cipher" -> cipher(field);
                case "sync", "sync_interval" -> syncInterval = syncInterval(field);
                case "max_outstanding_catchup" -> size(field, field.name());
                case "domain" -> domain = domain(field);
                case "key", "ek", "encryption_key", "extension_hint", "unique_tag" -> field.string();
                case "limits" -> field.map();
                default -> {
                    if (!entry.isUsedAsVariable()) {
                        throw field.problem("unknown field \"" + entry.key() + "\"");
                    }
                }
            }
        }
        enabled = enable;
    }

    /** {@code always} (Junction's default: fsync before every ack, kept as null) or a Go duration string. */
    private static Duration syncInterval(Setting setting) {
        if (setting.value() instanceof StringValue text && text.value().equalsIgnoreCase("always")) {
            return null;
        }
        if (setting.value() instanceof IntegerValue seconds) {
            return Duration.ofSeconds(seconds.value());
        }
        return setting.goDuration();
    }

    /**
     * nats-server's two checks, in its order: the domain's API subject {@code $JS.<domain>.API.>} must be a valid
     * subject, and the domain a valid name. An empty domain is none.
     */
    private static String domain(Setting setting) {
        var domain = setting.string();
        if (domain.isEmpty()) {
            return null;
        }
        var apiSubject = "$JS." + domain + ".API.>";
        if (!Subjects.isValidSubject(apiSubject)) {
            throw setting.problem("invalid domain name: derived \"" + apiSubject + "\" is not a valid subject");
        }
        if (domain.chars().anyMatch(c -> " \t\r\n\f.*>".indexOf(c) >= 0)) {
            throw setting.problem("invalid domain name: may not contain ., * or >");
        }
        return domain;
    }

    private static boolean enabledWord(Setting setting, String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "enabled", "enable" -> true;
            case "disabled", "disable" -> false;
            default -> throw setting.problem("expected 'enabled' or 'disabled' for string value, got '" + word + "'");
        };
    }

    private static long size(Setting setting, String name) {
        return switch (setting.value()) {
            case IntegerValue number -> number.value();
            case StringValue text -> {
                try {
                    yield Sizes.storageString(text.value());
                } catch (IllegalArgumentException e) {
                    throw setting.problem(name + " " + e.getMessage());
                }
            }
            default ->
                throw setting.problem(name + " must be an integer or a string such as \"1G\", got "
                        + setting.value().describe());
        };
    }

    private static void cipher(Setting setting) {
        var cipher = setting.string();
        switch (cipher.toLowerCase(Locale.ROOT)) {
            case "chacha", "chachapoly", "aes" -> {}
            default -> throw setting.problem("unknown cipher type: \"" + cipher + "\"");
        }
    }
}
