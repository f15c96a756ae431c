package io.junction.nats.monitor;

/**
 * The query of a {@code /connz} request, checked in nats-server's order so the first bad parameter is the one
 * reported.
 *
 * @param cid one connection only, or 0 for all
 * @param user only connections authorized as this user, or empty for all
 * @param account only connections in this account: Junction's clients are all in {@code $G}
 * @param mqttClient only this MQTT client: Junction serves no MQTT, so any value matches nothing
 */
record ConnzOptions(
        ConnzSort sort,
        boolean auth,
        boolean subscriptions,
        boolean subscriptionsDetail,
        int offset,
        int limit,
        long cid,
        ConnState state,
        String user,
        String account,
        String mqttClient) {
    static final int DEFAULT_LIMIT = 1024;

    static ConnzOptions parse(QueryParameters query) {
        var sortText = query.string("sort");
        var auth = query.bool("auth");
        var detail = query.string("subs").equalsIgnoreCase("detail");
        var subscriptions = !detail && query.bool("subs");
        var offset = Math.max(query.integer("offset"), 0);
        var limit = query.integer("limit");
        var cid = query.unsignedLong("cid");
        var state = ConnState.parse(query.string("state"));
        var sort = ConnzSort.parse(sortText);
        if (sort.needsClosedConnections() && state != ConnState.CLOSED) {
            throw new BadRequestException("sort by " + sort.text() + " only valid on closed connections");
        }
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
        if (cid != 0) {
            limit = 1;
        }

        return new ConnzOptions(
                sort,
                auth,
                subscriptions,
                detail,
                offset,
                limit,
                cid,
                state,
                query.string("user"),
                query.string("acc"),
                query.string("mqtt_client"));
    }
}
