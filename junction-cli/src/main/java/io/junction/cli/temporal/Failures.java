package io.junction.cli.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;

/** gRPC failures as one line a person can act on, with the server's own text where it gave one. */
final class Failures {
    private Failures() {}

    /** {@code failed describing workflow: <server text>}, or the reason the server could not be reached. */
    static CliException of(String doing, StatusRuntimeException e, String address) {
        var status = e.getStatus();
        return switch (status.getCode()) {
            case UNAVAILABLE -> new CliException("failed reaching server at " + address + ": " + unavailable(e), e);
            case DEADLINE_EXCEEDED -> new CliException(doing + ": no answer from " + address + " in time", e);
            case UNIMPLEMENTED -> new CliException(doing + ": the server does not implement this request", e);
            default -> new CliException(doing + ": " + description(status), e);
        };
    }

    private static String description(Status status) {
        var text = status.getDescription();
        if (text == null || text.isBlank()) {
            return status.getCode().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return text.lines().findFirst().orElse(text);
    }

    private static String unavailable(StatusRuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        var text = cause == e ? e.getStatus().getDescription() : cause.getMessage();
        if (text == null || text.isBlank()) {
            return "unavailable";
        }
        var reason = text.lines().findFirst().orElse(text);
        var lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("connection refused")) {
            return "connection refused";
        }
        if (cause instanceof java.net.UnknownHostException) {
            return "unknown host " + reason;
        }
        return reason;
    }
}
