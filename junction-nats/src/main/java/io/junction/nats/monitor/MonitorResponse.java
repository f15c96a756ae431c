package io.junction.nats.monitor;

import java.nio.charset.StandardCharsets;

/** What an endpoint answers: an HTTP status, a content type and the body. */
record MonitorResponse(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    /** A 200 with the value laid out as nats-server lays out its JSON. */
    static MonitorResponse json(Object value) {
        return new MonitorResponse(200, JSON, Json.indented(value));
    }

    static MonitorResponse text(int status, String text) {
        return new MonitorResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Go's {@code http.NotFound}, which nats-server answers for every path it does not serve. */
    static MonitorResponse notFound() {
        return text(404, "404 page not found\n");
    }

    boolean isJson() {
        return contentType.equals(JSON);
    }
}
