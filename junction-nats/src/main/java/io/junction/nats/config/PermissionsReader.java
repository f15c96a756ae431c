package io.junction.nats.config;

import io.junction.nats.auth.Permissions;
import io.junction.nats.auth.ResponsePermission;
import io.junction.nats.auth.SubjectPermission;
import io.junction.nats.config.ConfigValue.ArrayValue;
import io.junction.nats.config.ConfigValue.BoolValue;
import io.junction.nats.config.ConfigValue.StringValue;
import io.junction.nats.subject.Subjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code permissions} map as nats-server does: {@code publish} (or {@code pub}, {@code import}) and
 * {@code subscribe} (or {@code sub}, {@code export}) as one subject, an array of subjects (the allow list) or a map
 * of {@code allow} and {@code deny}; and {@code allow_responses} as {@code true} or {@code {max, expires}}.
 *
 * <p>With {@code allow_responses} and no publish allow list, nats-server lets the user publish nothing but
 * responses; here that reads as a publish deny list ending in {@code >}, which replies still pass.
 */
final class PermissionsReader {
    private static final String EVERYTHING = Subjects.FULL_WILDCARD;

    private PermissionsReader() {}

    /**
     * @throws ConfigException at the first unknown field, wrong type or invalid subject
     */
    static Permissions read(Setting setting) {
        if (!(setting.value() instanceof ConfigMap map)) {
            throw setting.problem(
                    "expected permissions to be a map, got " + setting.value().describe());
        }
        var publish = SubjectPermission.ANY;
        var subscribe = SubjectPermission.ANY;
        ResponsePermission responses = null;
        for (var entry : map.entries()) {
            var field = Setting.of(entry);
            switch (field.name()) {
                case "pub", "publish", "import" -> publish = subjectPermission(field);
                case "sub", "subscribe", "export" -> subscribe = subjectPermission(field);
                case "publish_allow_responses", "allow_responses" -> responses = responses(field);
                default -> {
                    if (!entry.isUsedAsVariable()) {
                        throw field.problem("unknown field \"" + entry.key() + "\" parsing permissions");
                    }
                }
            }
        }
        if (responses != null && publish.allow().isEmpty()) {
            var deny = new ArrayList<>(publish.deny());
            deny.add(EVERYTHING);
            publish = new SubjectPermission(List.of(), deny);
        }
        return new Permissions(publish, subscribe, responses);
    }

    private static SubjectPermission subjectPermission(Setting setting) {
        if (!(setting.value() instanceof ConfigMap map)) {
            return new SubjectPermission(subjects(setting), List.of());
        }
        List<String> allow = List.of();
        List<String> deny = List.of();
        for (var entry : map.entries()) {
            var field = Setting.of(entry);
            switch (field.name()) {
                case "allow" -> allow = subjects(field);
                case "deny" -> deny = subjects(field);
                default -> {
                    if (!entry.isUsedAsVariable()) {
                        throw field.problem("unknown field name \"" + entry.key()
                                + "\" parsing subject permissions, only 'allow' or 'deny' are permitted");
                    }
                }
            }
        }
        return new SubjectPermission(allow, deny);
    }

    private static List<String> subjects(Setting setting) {
        var subjects = new ArrayList<String>();
        switch (setting.value()) {
            case StringValue text -> subjects.add(text.value());
            case ArrayValue array -> {
                for (var element : array.values()) {
                    if (!(element instanceof StringValue text)) {
                        throw ConfigException.at(
                                element.position(), "subject in permissions array cannot be cast to string");
                    }
                    subjects.add(text.value());
                }
            }
            default ->
                throw setting.problem("expected subject permissions to be a subject, or array of subjects, got "
                        + setting.value().describe());
        }
        for (var subject : subjects) {
            checkSubject(setting, subject);
        }
        return subjects;
    }

    /** A subject, or for subscriptions {@code "subject queue"} to allow or deny only that queue group. */
    private static void checkSubject(Setting setting, String entry) {
        if (Subjects.isValidSubject(entry)) {
            return;
        }
        var fields = entry.strip().split("\\s+");
        if (fields.length != 2) {
            throw setting.problem("subject \"" + entry + "\" is not a valid subject");
        }
        if (!Subjects.isValidSubject(fields[0])) {
            throw setting.problem("subject \"" + fields[0] + "\" is not a valid subject");
        }
    }

    private static ResponsePermission responses(Setting setting) {
        if (setting.value() instanceof BoolValue flag) {
            return flag.value() ? ResponsePermission.defaults() : null;
        }
        if (!(setting.value() instanceof ConfigMap map)) {
            throw setting.problem("error parsing response permissions, expected a boolean or a map");
        }
        var maxMsgs = ResponsePermission.DEFAULT_MAX_MSGS;
        var expires = ResponsePermission.DEFAULT_EXPIRES;
        for (var entry : map.entries()) {
            var field = Setting.of(entry);
            switch (field.name()) {
                case "max", "max_msgs", "max_messages", "max_responses" -> {
                    var max = field.int32();
                    maxMsgs = max == 0 ? maxMsgs : max;
                }
                case "expires", "expiration", "ttl" -> expires = expires(field, expires);
                default -> {
                    if (!entry.isUsedAsVariable()) {
                        throw field.problem("unknown field \"" + entry.key() + "\" parsing permissions");
                    }
                }
            }
        }
        return new ResponsePermission(maxMsgs, expires);
    }

    /** Zero keeps the default; a negative duration means no expiry, which Junction writes as zero. */
    private static Duration expires(Setting setting, Duration defaultExpires) {
        if (!(setting.value() instanceof StringValue)) {
            throw setting.problem("error parsing expires, not a duration string");
        }
        var ttl = setting.goDuration();
        if (ttl.isZero()) {
            return defaultExpires;
        }
        return ttl.isNegative() ? Duration.ZERO : ttl;
    }
}
