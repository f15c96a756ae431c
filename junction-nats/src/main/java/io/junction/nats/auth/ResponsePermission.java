package io.junction.nats.auth;

import java.time.Duration;

/**
 * nats-server's {@code allow_responses}: a client may publish to the reply subjects of requests it received, up to
 * {@code maxMsgs} replies per request within {@code expires}.
 */
public record ResponsePermission(int maxMsgs, Duration expires) {
    public static final int DEFAULT_MAX_MSGS = 1;
    public static final Duration DEFAULT_EXPIRES = Duration.ofMinutes(2);

    public static ResponsePermission defaults() {
        return new ResponsePermission(DEFAULT_MAX_MSGS, DEFAULT_EXPIRES);
    }
}
