package io.junction.nats.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.junction.nats.server.SubscriptionDetail;

/**
 * One subscription in {@code /subsz?subs=1} and {@code /connz?subs=detail}: nats-server's {@code SubDetail}.
 * {@code sid} and {@code msgs} are null for a closed connection, whose subscriptions Junction keeps by subject only.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SubDetail(
        @JsonInclude(Include.NON_EMPTY) String account,
        String subject,
        @JsonInclude(Include.NON_EMPTY) String qgroup,
        @JsonInclude(Include.NON_NULL) String sid,
        @JsonInclude(Include.NON_NULL) Long msgs,
        @JsonInclude(Include.NON_DEFAULT) long max,
        long cid) {
    /** The account every Junction client is in: nats-server's global account. */
    static final String GLOBAL_ACCOUNT = "$G";

    static SubDetail of(SubscriptionDetail detail, String account) {
        return new SubDetail(
                account, detail.subject(), detail.queue(), detail.sid(), detail.msgs(), detail.max(), detail.cid());
    }

    static SubDetail ofClosed(long cid, String subject) {
        return new SubDetail(null, subject, null, null, null, 0, cid);
    }
}
