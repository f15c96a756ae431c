package io.junction.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiDispatcher;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.ApiRequest;
import io.junction.jetstream.api.ApiResponses;
import io.junction.jetstream.api.ApiRoute;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.event.Advisories;
import io.junction.jetstream.store.StreamState;
import io.junction.jetstream.stream.StreamConfig;
import io.junction.jetstream.stream.StreamConfigs;
import java.util.Base64;

/** The {@code $JS.API.STREAM.*} requests. */
final class StreamEndpoints {
    private static final int NAMES_PAGE = 1024;
    private static final int LIST_PAGE = 256;

    private final StreamRegistry registry;
    private final java.util.function.Consumer<io.junction.jetstream.stream.Stream> changed;
    private final java.util.function.Consumer<String> deleted;
    private final Advisories advisories;
    private final String domain;

    /** @param domain the JetStream domain that infos name, null for none */
    StreamEndpoints(
            StreamRegistry registry,
            java.util.function.Consumer<io.junction.jetstream.stream.Stream> changed,
            java.util.function.Consumer<String> deleted,
            Advisories advisories,
            String domain) {
        this.registry = registry;
        this.changed = changed;
        this.deleted = deleted;
        this.advisories = advisories;
        this.domain = domain;
    }

    void register(ApiDispatcher dispatcher) {
        dispatcher.register(new ApiRoute("$JS.API.STREAM.CREATE.*", "stream_create_response", this::create));
        dispatcher.register(new ApiRoute("$JS.API.STREAM.UPDATE.*", "stream_update_response", this::update));
        dispatcher.register(new ApiRoute("$JS.API.STREAM.INFO.*", "stream_info_response", this::info));
        dispatcher.register(new ApiRoute("$JS.API.STREAM.NAMES", "stream_names_response", this::names));
        dispatcher.register(new ApiRoute("$JS.API.STREAM.LIST", "stream_list_response", this::list));
        dispatcher.register(new ApiRoute("$JS.API.STREAM.DELETE.*", "stream_delete_response", this::delete));
        dispatcher.register(new ApiRoute("$JS.API.STREAM.PURGE.*", "stream_purge_response", this::purge));
        dispatcher.register(new ApiRoute("$JS.API.STREAM.MSG.GET.*", "stream_msg_get_response", this::getMessage));
        dispatcher.register(
                new ApiRoute("$JS.API.STREAM.MSG.DELETE.*", "stream_msg_delete_response", this::deleteMessage));
    }

    /** The configuration must name the stream, as the subject does: nats-server fills in no name. */
    private ObjectNode create(ApiRequest request) {
        var name = request.token(2);
        var body = Json.parseRequired(request.body());
        var config = StreamConfigs.read(body);
        if (!config.name().equals(name)) {
            throw ApiError.STREAM_NAME_MISMATCH.exception();
        }
        StreamConfigs.checkName(name);
        if (config.sealed()) {
            throw ApiError.invalidStreamConfig("stream configuration for create can not be sealed")
                    .exception();
        }
        if (config.mirrorDirect() && config.mirror() == null) {
            throw ApiError.invalidStreamConfig("stream has no mirror but does have mirror direct")
                    .exception();
        }
        StreamConfigs.checkCompression(body);
        if (!Json.text(body, "template_owner", "").isEmpty()) {
            // Junction keeps no stream templates, so no template owns the stream, as nats-server finds it
            throw ApiError.streamCreate("stream not owned by template").exception();
        }
        var created = registry.create(config);
        changed.accept(created.stream());
        if (created.created()) {
            advisories.streamAction(Advisories.STREAM_CREATED, name, "create");
        }
        var json = StreamInfos.write(ApiResponses.ofType("stream_create_response"), created.stream(), false, null);
        json.put("did_create", created.created());
        return json;
    }

    /** The configuration is checked before its name is compared with the subject's, as nats-server does. */
    private ObjectNode update(ApiRequest request) {
        var name = request.token(2);
        var body = Json.parseRequired(request.body());
        var config = StreamConfigs.read(body);
        StreamConfigs.checked(config);
        StreamConfigs.checkCompression(body);
        if (!config.name().equals(name)) {
            throw ApiError.STREAM_NAME_MISMATCH.exception();
        }
        var stream =
                registry.update(config, !Json.text(body, "template_owner", "").isEmpty());
        changed.accept(stream);
        advisories.streamAction(Advisories.STREAM_UPDATED, name, "modify");
        return StreamInfos.write(ApiResponses.ofType("stream_update_response"), stream, false, null, domain);
    }

    /** The response carries nats-server's paging fields, which page the subject counts a filter asks for. */
    private ObjectNode info(ApiRequest request) {
        var stream = registry.require(request.token(2));
        var body = Json.parseObject(request.body());
        var filter = Json.text(body, "subjects_filter", null);
        var offset = (int) Math.clamp(Json.number(body, "offset", 0), 0, Integer.MAX_VALUE);
        var counts = filter == null || filter.isEmpty()
                ? java.util.Map.<String, Long>of()
                : stream.store().subjectCounts(filter);
        var page = StreamInfos.SubjectsPage.of(counts, offset);
        var json = ApiResponses.ofType("stream_info_response");
        json.put("total", page.total());
        json.put("offset", page.offset());
        json.put("limit", page.limit());
        return StreamInfos.write(json, stream, Json.bool(body, "deleted_details", false), page.subjects(), domain);
    }

    private ObjectNode names(ApiRequest request) {
        var body = Json.parseObject(request.body());
        var offset = Math.clamp(Json.number(body, "offset", 0), 0, Integer.MAX_VALUE);
        var filter = Json.text(body, "subject", null);
        var streams = registry.all().stream()
                .filter(stream -> filter == null
                        || filter.isEmpty()
                        || stream.config().subjects().stream()
                                .anyMatch(subject -> io.junction.nats.subject.Subjects.overlaps(subject, filter)))
                .toList();
        var json = ApiResponses.ofType("stream_names_response");
        json.put("total", streams.size());
        json.put("offset", offset);
        json.put("limit", NAMES_PAGE);
        var names = json.putArray("streams");
        streams.stream().skip(offset).limit(NAMES_PAGE).forEach(stream -> names.add(stream.name()));
        return json;
    }

    private ObjectNode list(ApiRequest request) {
        var body = Json.parseObject(request.body());
        var offset = Math.clamp(Json.number(body, "offset", 0), 0, Integer.MAX_VALUE);
        var streams = registry.all();
        var json = ApiResponses.ofType("stream_list_response");
        json.put("total", streams.size());
        json.put("offset", offset);
        json.put("limit", LIST_PAGE);
        var infos = json.putArray("streams");
        streams.stream()
                .skip(offset)
                .limit(LIST_PAGE)
                .forEach(stream -> infos.add(StreamInfos.write(Json.object(), stream, false, null, domain)));
        return json;
    }

    private ObjectNode delete(ApiRequest request) {
        if (!Json.isEmptyRequest(request.body())) {
            throw ApiError.NOT_EMPTY_REQUEST.exception();
        }
        registry.delete(request.token(2));
        deleted.accept(request.token(2));
        advisories.streamAction(Advisories.STREAM_DELETED, request.token(2), "delete");
        var json = ApiResponses.ofType("stream_delete_response");
        json.put("success", true);
        return json;
    }

    private ObjectNode purge(ApiRequest request) {
        var stream = registry.require(request.token(2));
        var body = Json.parseObject(request.body());
        if (stream.config().sealed()) {
            throw ApiError.SEALED.exception();
        }
        if (stream.config().denyPurge()) {
            throw ApiError.purgeFailed("stream purge not permitted").exception();
        }
        var filter = Json.text(body, "filter", null);
        var sequence = Json.unsigned(body, "seq", 0);
        var keep = Json.unsigned(body, "keep", 0);
        if (sequence > 0 && keep > 0) {
            throw ApiError.BAD_REQUEST.exception();
        }
        long purged = stream.call(
                () -> stream.store().purge(filter == null || filter.isEmpty() ? null : filter, sequence, keep));
        stream.observers().forEach(io.junction.jetstream.stream.StreamObserver::removed);
        var json = ApiResponses.ofType("stream_purge_response");
        json.put("success", true);
        json.put("purged", purged);
        return json;
    }

    private ObjectNode getMessage(ApiRequest request) {
        var stream = registry.require(request.token(3));
        var body = Json.parseObject(request.body());
        var message = MessageLookup.find(stream.store(), body);
        var json = ApiResponses.ofType("stream_msg_get_response");
        var out = json.putObject("message");
        out.put("subject", message.subject());
        out.put("seq", message.sequence());
        if (message.headers() != null) {
            out.put("hdrs", Base64.getEncoder().encodeToString(message.headers()));
        }
        if (message.payload().length > 0) {
            out.put("data", Base64.getEncoder().encodeToString(message.payload()));
        }
        out.put("time", Json.time(message.timestampNanos()));
        return json;
    }

    /**
     * What nats-server answers when the sequence holds no message. Its memory store reports every such sequence as not
     * found (10043); its file store does so only for one inside the stream, and reports one past the last sequence as
     * the end of the store, and one before the first (or in an empty stream, or 0) as no message, both with 10057.
     */
    private static ApiError noMessageToDelete(StreamConfig.Storage storage, StreamState state, long sequence) {
        if (storage == StreamConfig.Storage.MEMORY) {
            return ApiError.sequenceNotFound(sequence);
        }
        if (sequence > state.lastSeq()) {
            return ApiError.messageDeleteFailed("stream store EOF");
        }
        if (sequence == 0 || sequence < state.firstSeq() || state.messages() == 0) {
            return ApiError.messageDeleteFailed("no message found");
        }
        return ApiError.sequenceNotFound(sequence);
    }

    private ObjectNode deleteMessage(ApiRequest request) {
        if (Json.isEmptyRequest(request.body())) {
            throw ApiError.BAD_REQUEST.exception();
        }
        var body = Json.parseObject(request.body());
        var stream = registry.require(request.token(3));
        if (stream.config().sealed()) {
            throw ApiError.SEALED.exception();
        }
        if (stream.config().denyDelete()) {
            throw ApiError.messageDeleteFailed("message delete not permitted").exception();
        }
        var sequence = Json.unsigned(body, "seq", 0);
        var erase = !Json.bool(body, "no_erase", false);
        var refusal = stream.call(() -> stream.store().delete(sequence, erase)
                ? null
                : noMessageToDelete(stream.config().storage(), stream.store().state(), sequence));
        if (refusal != null) {
            throw refusal.exception();
        }
        stream.observers().forEach(io.junction.jetstream.stream.StreamObserver::removed);
        var json = ApiResponses.ofType("stream_msg_delete_response");
        json.put("success", true);
        return json;
    }
}
