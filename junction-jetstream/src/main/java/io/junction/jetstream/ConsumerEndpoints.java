package io.junction.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiDispatcher;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.ApiRequest;
import io.junction.jetstream.api.ApiResponses;
import io.junction.jetstream.api.ApiRoute;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.consumer.ConsumerConfig;
import io.junction.jetstream.consumer.ConsumerConfigs;
import io.junction.jetstream.consumer.ConsumerInfos;
import io.junction.jetstream.consumer.ConsumerRegistry;

/** The {@code $JS.API.CONSUMER.*} requests, in their 2.9+ and legacy subject forms. */
final class ConsumerEndpoints {
    private static final int PAGE = 256;
    private static final int NAMES_PAGE = 1024;

    private final StreamRegistry streams;
    private ApiDispatcher dispatcher;

    ConsumerEndpoints(StreamRegistry streams) {
        this.streams = streams;
    }

    void register(ApiDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        dispatcher.register(new ApiRoute("$JS.API.CONSUMER.CREATE.>", "consumer_create_response", this::create));
        dispatcher.register(
                new ApiRoute("$JS.API.CONSUMER.DURABLE.CREATE.*.*", "consumer_create_response", this::createDurable));
        dispatcher.register(new ApiRoute("$JS.API.CONSUMER.INFO.*.*", "consumer_info_response", this::info));
        dispatcher.register(new ApiRoute("$JS.API.CONSUMER.NAMES.*", "consumer_names_response", this::names));
        dispatcher.register(new ApiRoute("$JS.API.CONSUMER.LIST.*", "consumer_list_response", this::list));
        dispatcher.register(new ApiRoute("$JS.API.CONSUMER.DELETE.*.*", "consumer_delete_response", this::delete));
    }

    /** {@code CONSUMER.CREATE.<stream>[.<consumer>[.<filter>]]}. */
    private ObjectNode create(ApiRequest request) {
        var streamName = request.token(2);
        var consumerName = request.token(3);
        var filter = request.rest(4);
        return createConsumer(request, streamName, consumerName, filter, false);
    }

    /** {@code CONSUMER.DURABLE.CREATE.<stream>.<durable>}. */
    private ObjectNode createDurable(ApiRequest request) {
        return createConsumer(request, request.token(3), request.token(4), null, true);
    }

    /**
     * The checks run in nats-server's order: the body, the stream name it carries, the consumer and durable names
     * against the subject's form (new, legacy durable or legacy ephemeral), the filter, and only then the stream.
     */
    private ObjectNode createConsumer(
            ApiRequest request, String streamName, String consumerName, String filter, boolean legacyDurable) {
        var body = Json.parseRequired(request.body());
        if (!Json.text(body, "stream_name", "").equals(streamName)) {
            throw ApiError.STREAM_NAME_MISMATCH.exception();
        }
        var configJson = body.path("config");
        if (!configJson.isMissingNode() && !configJson.isNull() && !configJson.isObject()) {
            throw ApiError.INVALID_JSON.exception();
        }
        var config = ConsumerConfigs.read(configJson.isObject() ? configJson : Json.object());
        var durable = config.durableName() == null ? "" : config.durableName();
        if (consumerName == null) {
            if (!durable.isEmpty()) {
                throw ApiError.EPHEMERAL_WITH_DURABLE_NAME.exception();
            }
        } else {
            config = named(config, consumerName, legacyDurable);
        }
        var name = config.name();
        if (name != null && !name.isEmpty() && !durable.isEmpty() && !name.equals(durable)) {
            throw ApiError.DURABLE_AND_NAME_MISMATCH.exception();
        }
        if (filter != null) {
            if (!config.filterSubjects().isEmpty()) {
                throw ApiError.MULTIPLE_FILTERS_NOT_ALLOWED.exception();
            }
            if (!filter.equals(config.filterSubject())) {
                throw ApiError.FILTER_MISMATCH.exception();
            }
        }
        var stream = streams.require(streamName);
        var consumer = consumersOf(streamName).createOrUpdate(config, Json.text(body, "action", ""));
        ObjectNode response;
        try {
            response = ConsumerInfos.write(ApiResponses.ofType("consumer_create_response"), stream.name(), consumer);
        } catch (RuntimeException e) {
            consumer.responseSent();
            throw e;
        }
        dispatcher.afterResponse(consumer::responseSent);
        return response;
    }

    /**
     * The configuration named by the subject. A legacy durable subject needs the same durable name in the body; the
     * 2.9+ subject names the consumer whatever {@code name} the body gives, as nats-server overwrites it, and a
     * durable name in the body must be that name.
     */
    private static ConsumerConfig named(ConsumerConfig config, String consumerName, boolean legacyDurable) {
        ConsumerConfigs.checkName(consumerName);
        var durable = config.durableName() == null ? "" : config.durableName();
        if (legacyDurable && durable.isEmpty()) {
            throw ApiError.DURABLE_NAME_NOT_SET.exception();
        }
        if (!durable.isEmpty() && !durable.equals(consumerName)) {
            throw ApiError.CONSUMER_NAME_MISMATCH.exception();
        }
        return legacyDurable ? config : config.withNames(config.durableName(), consumerName);
    }

    private ObjectNode info(ApiRequest request) {
        if (!Json.isEmptyRequest(request.body())) {
            throw ApiError.NOT_EMPTY_REQUEST.exception();
        }
        var streamName = request.token(2);
        var consumer = consumersOf(streamName).require(request.token(3));
        return ConsumerInfos.write(ApiResponses.ofType("consumer_info_response"), streamName, consumer);
    }

    private ObjectNode names(ApiRequest request) {
        var streamName = request.token(2);
        var offset = Math.clamp(Json.number(Json.parseObject(request.body()), "offset", 0), 0, Integer.MAX_VALUE);
        var all = consumersOf(streamName).all();
        var json = ApiResponses.ofType("consumer_names_response");
        json.put("total", all.size());
        json.put("offset", offset);
        json.put("limit", NAMES_PAGE);
        var names = json.putArray("consumers");
        all.stream().skip(offset).limit(NAMES_PAGE).forEach(consumer -> names.add(consumer.name()));
        return json;
    }

    private ObjectNode list(ApiRequest request) {
        var streamName = request.token(2);
        var offset = Math.clamp(Json.number(Json.parseObject(request.body()), "offset", 0), 0, Integer.MAX_VALUE);
        var all = consumersOf(streamName).all();
        var json = ApiResponses.ofType("consumer_list_response");
        json.put("total", all.size());
        json.put("offset", offset);
        json.put("limit", PAGE);
        var infos = json.putArray("consumers");
        all.stream()
                .skip(offset)
                .limit(PAGE)
                .forEach(consumer -> infos.add(ConsumerInfos.write(Json.object(), streamName, consumer)));
        return json;
    }

    private ObjectNode delete(ApiRequest request) {
        if (!Json.isEmptyRequest(request.body())) {
            throw ApiError.NOT_EMPTY_REQUEST.exception();
        }
        consumersOf(request.token(2)).delete(request.token(3));
        var json = ApiResponses.ofType("consumer_delete_response");
        json.put("success", true);
        return json;
    }

    private ConsumerRegistry consumersOf(String streamName) {
        streams.require(streamName);
        return streams.consumers(streamName);
    }
}
