package io.junction.jetstream.api;

import io.junction.nats.server.InternalSubscription;
import io.junction.nats.server.NatsServer;
import io.junction.nats.subject.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every request on {@code $JS.API.>}, as nats-server's one subscription to its API does, and serves each on
 * one thread, so changes to streams and consumers never race. A request no route serves gets no reply at all, as from
 * nats-server, rather than the no-responders status a client would take for JetStream being off. Direct gets and pull
 * requests are passed over, as nats-server's import of the API passes over them, so that one for a stream or consumer
 * that does not serve it still gets no responders. Requests without a reply subject are dropped, as nats-server does.
 * Counts requests served and errors for account info.
 */
public final class ApiDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    private static final String PREFIX = "$JS.API.";
    // nats-server's jsDirectGetPre has no trailing dot, jsRequestNextPre has one
    private static final String DIRECT_GET = "$JS.API.DIRECT.GET";
    private static final String PULL_REQUEST = "$JS.API.CONSUMER.MSG.NEXT.";

    private final NatsServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("jetstream-api").daemon().factory());
    private final List<ApiRoute> routes = new CopyOnWriteArrayList<>();
    private InternalSubscription subscription;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Audit audit = (subject, request, response) -> {};
    // confined to the API thread
    private final List<Runnable> afterResponse = new ArrayList<>();

    public ApiDispatcher(NatsServer server) {
        this.server = server;
    }

    /** Hears of every request served, after its response went out, on the API thread. */
    public void audit(Audit audit) {
        this.audit = audit;
    }

    /** Serves requests on the route's subject from now on; the first route opens the subscription to the API. */
    public synchronized void register(ApiRoute route) {
        routes.add(route);
        if (subscription == null) {
            subscription =
                    server.subscribe(PREFIX + ">", null, ApiDispatcher::takes, (subject, reply, headers, body) -> {
                        if (reply != null) {
                            executor.execute(() -> dispatch(subject, reply, headers, body));
                        }
                    });
        }
    }

    private static boolean takes(String subject) {
        return !subject.startsWith(DIRECT_GET) && !subject.startsWith(PULL_REQUEST);
    }

    private void dispatch(String subject, String reply, byte[] headers, byte[] body) {
        for (var route : routes) {
            if (Subjects.matches(subject, route.subject())) {
                serve(route, subject, reply, headers, body);
                return;
            }
        }
        LOG.debug("api subject={} is not served; no reply, as from nats-server", subject);
    }

    /** Runs work on the API thread, in order with requests. */
    public void execute(Runnable work) {
        executor.execute(work);
    }

    /**
     * From a handler: runs work on the API thread once the response of the request being served has been published,
     * for work whose messages must reach the client after the response (a snapshot's chunks). Dropped when the
     * request fails.
     */
    public void afterResponse(Runnable work) {
        afterResponse.add(work);
    }

    public long total() {
        return total.get();
    }

    public long errors() {
        return errors.get();
    }

    private void serve(ApiRoute route, String subject, String reply, byte[] headers, byte[] body) {
        total.incrementAndGet();
        var tokens = subject.substring(PREFIX.length()).split("\\.");
        var request = new ApiRequest(subject, tokens, reply, headers, body);
        com.fasterxml.jackson.databind.node.ObjectNode response;
        afterResponse.clear();
        try {
            response = route.handler().handle(request);
        } catch (ApiException e) {
            afterResponse.clear();
            errors.incrementAndGet();
            response = ApiResponses.error(route.responseType(), e.error());
        } catch (RuntimeException e) {
            afterResponse.clear();
            errors.incrementAndGet();
            LOG.error("api subject={} failed", subject, e);
            response = ApiResponses.error(route.responseType(), ApiError.streamGeneral(String.valueOf(e.getMessage())));
        }
        if (response != null) {
            var bytes = Json.bytes(response);
            server.publish(reply, null, null, bytes);
            audit.served(subject, body, bytes);
        }
        for (var work : List.copyOf(afterResponse)) {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("api subject={} follow-up failed", subject, e);
            }
        }
        afterResponse.clear();
    }

    /** What is told of each API request served: nats-server publishes an {@code api_audit} advisory. */
    @FunctionalInterface
    public interface Audit {
        void served(String subject, byte[] request, byte[] response);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
            }
        }
        executor.shutdown();
    }
}
