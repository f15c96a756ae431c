package io.junction.cli.nats.messaging;

import io.nats.client.NUID;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nats CLI's body and subject templates, the few functions people use: {@code {{Count}}} (the message number
 * from 1), {@code {{Time}}}, {@code {{TimeStamp}}} (RFC 3339), {@code {{Unix}}}, {@code {{UnixNano}}},
 * {@code {{ID}}} (a unique id) and {@code {{Random min max}}} (that many random letters). A leading dot, as in
 * {@code {{.Count}}}, is accepted; anything else between braces is left as it is.
 */
final class Template {
    private static final Pattern CALL = Pattern.compile("\\{\\{\\s*\\.?(\\w+)((?:\\s+\\d+)*)\\s*}}");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private Template() {}

    static String expand(String text, long count) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        var matcher = CALL.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(call(matcher, count)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String call(Matcher matcher, long count) {
        var now = Instant.now();
        var args = matcher.group(2).strip().isEmpty()
                ? new String[0]
                : matcher.group(2).strip().split("\\s+");
        return switch (matcher.group(1).toLowerCase(java.util.Locale.ROOT)) {
            case "count", "cnt" -> Long.toString(count);
            case "timestamp" ->
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.ofInstant(now, ZoneId.systemDefault()));
            case "time" ->
                DateTimeFormatter.ISO_LOCAL_TIME.format(
                        now.atZone(ZoneId.systemDefault()).toLocalTime());
            case "unix" -> Long.toString(now.getEpochSecond());
            case "unixnano" -> Long.toString(now.getEpochSecond() * 1_000_000_000L + now.getNano());
            case "id" -> NUID.nextGlobal();
            case "random" -> random(args);
            default -> matcher.group();
        };
    }

    private static String random(String[] args) {
        var min = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        var max = args.length > 1 ? Integer.parseInt(args[1]) : min;
        var random = ThreadLocalRandom.current();
        var length = max > min ? random.nextInt(min, max + 1) : min;
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) {
            text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return text.toString();
    }
}
