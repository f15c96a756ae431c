package io.junction.nats.server;

/**
 * What a {@code /jsz} request asks for, with nats-server's defaults already applied: consumers imply streams, and
 * streams without a named account imply the accounts' details.
 *
 * @param account the one account to detail ({@code acc}), or empty
 * @param accounts whether to detail every account, paged by {@code offset} and {@code limit}
 * @param streams whether an account's detail lists its streams
 * @param consumers whether a stream's detail lists its consumers
 * @param config whether streams and consumers carry their config
 * @param offset the first account to detail
 * @param limit how many accounts to detail at most
 */
public record JszOptions(
        String account, boolean accounts, boolean streams, boolean consumers, boolean config, int offset, int limit) {
    /** The plain report, without details: {@code /jsz} with no parameters, and {@code /varz}'s block. */
    public static final JszOptions PLAIN = of("", false, false, false, false, 0, 0);

    /** Applies nats-server's defaults to the parameters as a request gave them. */
    public static JszOptions of(
            String account,
            boolean accounts,
            boolean streams,
            boolean consumers,
            boolean config,
            int offset,
            int limit) {
        var withStreams = streams || consumers;
        return new JszOptions(
                account,
                accounts || withStreams && account.isEmpty(),
                withStreams,
                consumers,
                config,
                Math.max(offset, 0),
                limit == 0 ? 1024 : limit);
    }
}
