package io.junction.temporal.workflow;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Cron schedules as Temporal reads them: five fields in UTC, the {@code @hourly}-style names, {@code @every}. */
final class CronSchedules {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronSchedules() {}

    /** Null when valid, else why not. */
    static String validate(String schedule) {
        try {
            backoffMillis(schedule, Instant.now());
            return null;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return "invalid CronSchedule.";
        }
    }

    /** Milliseconds from {@code now} to the schedule's next time. */
    static long backoffMillis(String schedule, Instant now) {
        var trimmed = schedule.trim();
        if (trimmed.startsWith("@every ")) {
            var every = parseDuration(trimmed.substring(7).trim());
            var millis = every.toMillis();
            return millis - Math.floorMod(now.toEpochMilli(), millis);
        }
        var expression =
                switch (trimmed) {
                    case "@yearly", "@annually" -> "0 0 1 1 *";
                    case "@monthly" -> "0 0 1 * *";
                    case "@weekly" -> "0 0 * * 0";
                    case "@daily", "@midnight" -> "0 0 * * *";
                    case "@hourly" -> "0 * * * *";
                    default -> trimmed;
                };
        var cron = PARSER.parse(expression);
        var from = ZonedDateTime.ofInstant(now, ZoneOffset.UTC);
        var next = ExecutionTime.forCron(cron)
                .nextExecution(from)
                .orElseThrow(() -> new IllegalArgumentException("schedule has no next time"));
        return Duration.between(from, next).toMillis();
    }

    private static Duration parseDuration(String text) {
        var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        var total = Duration.ZERO;
        var end = 0;
        while (matcher.find() && matcher.start() == end) {
            var amount = Long.parseLong(matcher.group(1));
            total = total.plus(
                    switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    });
            end = matcher.end();
        }
        if (end != text.length() || total.isZero()) {
            throw new IllegalArgumentException("bad @every duration " + text);
        }
        return total;
    }
}
