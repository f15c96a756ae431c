package io.junction.jetstream.api;

/**
 * A JetStream API error as nats-server reports it: an HTTP-like {@code code}, the stable {@code err_code} clients
 * compare, and the description text.
 */
public record ApiError(int code, int errCode, String description) {
    public static final ApiError BAD_REQUEST = new ApiError(400, 10003, "bad request");
    public static final ApiError ACCOUNT_RESOURCES_EXCEEDED =
            new ApiError(400, 10002, "resource limits exceeded for account");
    public static final ApiError CONSUMER_NOT_FOUND = new ApiError(404, 10014, "consumer not found");
    public static final ApiError INVALID_JSON = new ApiError(400, 10025, "invalid JSON");
    public static final ApiError MIRROR_WITH_SOURCES =
            new ApiError(400, 10031, "stream mirrors can not also contain other sources");
    public static final ApiError MIRROR_WITH_SUBJECTS =
            new ApiError(400, 10034, "stream mirrors can not contain subjects");
    public static final ApiError MIRROR_MAX_MESSAGE_SIZE_TOO_BIG =
            new ApiError(400, 10030, "stream mirror must have max message size >= source");
    public static final ApiError SOURCE_MAX_MESSAGE_SIZE_TOO_BIG =
            new ApiError(400, 10046, "stream source must have max message size >= target");
    public static final ApiError MIRROR_NOT_UPDATABLE =
            new ApiError(400, 10055, "stream mirror configuration can not be updated");
    public static final ApiError SOURCE_DUPLICATE_DETECTED =
            new ApiError(400, 10140, "duplicate source configuration detected");
    public static final ApiError SOURCE_INVALID_STREAM_NAME =
            new ApiError(400, 10141, "sourced stream name is invalid");
    public static final ApiError MIRROR_INVALID_STREAM_NAME =
            new ApiError(400, 10142, "mirrored stream name is invalid");
    public static final ApiError MIRROR_WITH_FIRST_SEQ =
            new ApiError(400, 10143, "stream mirrors can not have first sequence configured");
    public static final ApiError SOURCE_MULTIPLE_FILTERS_NOT_ALLOWED = new ApiError(
            400, 10144, "source with multiple subject transforms cannot also have a single subject filter");
    public static final ApiError SOURCE_INVALID_SUBJECT_FILTER =
            new ApiError(400, 10145, "source subject filter is invalid");
    public static final ApiError SOURCE_INVALID_TRANSFORM_DESTINATION =
            new ApiError(400, 10146, "source transform destination is invalid");
    public static final ApiError SOURCE_OVERLAPPING_SUBJECT_FILTERS =
            new ApiError(400, 10147, "source filters can not overlap");
    public static final ApiError MIRROR_MULTIPLE_FILTERS_NOT_ALLOWED = new ApiError(
            400, 10150, "mirror with multiple subject transforms cannot also have a single subject filter");
    public static final ApiError MIRROR_INVALID_SUBJECT_FILTER =
            new ApiError(400, 10151, "mirror subject filter is invalid");
    public static final ApiError MIRROR_OVERLAPPING_SUBJECT_FILTERS =
            new ApiError(400, 10152, "mirror subject filters can not overlap");
    public static final ApiError NO_MESSAGE_FOUND = new ApiError(404, 10037, "no message found");
    public static final ApiError NOT_EMPTY_REQUEST = new ApiError(400, 10038, "expected an empty request payload");
    public static final ApiError MESSAGE_TOO_BIG = new ApiError(400, 10054, "message size exceeds maximum allowed");
    public static final ApiError STREAM_NAME_MISMATCH =
            new ApiError(400, 10056, "stream name in subject does not match request");
    public static final ApiError STREAM_NAME_EXISTS =
            new ApiError(400, 10058, "stream name already in use with a different configuration");
    public static final ApiError STREAM_NOT_FOUND = new ApiError(404, 10059, "stream not found");
    public static final ApiError STREAM_NAME_EXISTS_RESTORE =
            new ApiError(400, 10130, "stream name already in use, cannot restore");
    public static final ApiError SNAPSHOT_DELIVER_SUBJECT_INVALID =
            new ApiError(400, 10015, "deliver subject not valid");
    public static final ApiError INSUFFICIENT_RESOURCES = new ApiError(503, 10023, "insufficient resources");
    public static final ApiError EXPECTED_STREAM_MISMATCH = new ApiError(400, 10060, "expected stream does not match");
    public static final ApiError SUBJECT_OVERLAP = new ApiError(400, 10065, "subjects overlap with an existing stream");
    public static final ApiError REPLICAS_NOT_SUPPORTED =
            new ApiError(500, 10074, "replicas > 1 not supported in non-clustered mode");
    public static final ApiError NOT_ENABLED = new ApiError(503, 10076, "JetStream not enabled");
    public static final ApiError PULL_REQUIRES_ACK =
            new ApiError(400, 10084, "consumer in pull mode requires ack policy");
    public static final ApiError HEADER_TOO_BIG =
            new ApiError(400, 10097, "header size exceeds maximum allowed of 64k");
    public static final ApiError WORKQUEUE_REQUIRES_EXPLICIT_ACK =
            new ApiError(400, 10098, "workqueue stream requires explicit ack");
    public static final ApiError WORKQUEUE_MULTIPLE_UNFILTERED =
            new ApiError(400, 10099, "multiple non-filtered consumers not allowed on workqueue stream");
    public static final ApiError WORKQUEUE_NOT_UNIQUE =
            new ApiError(400, 10100, "filtered consumer not unique on workqueue stream");
    public static final ApiError WORKQUEUE_NOT_DELIVER_ALL =
            new ApiError(400, 10101, "consumer must be deliver all on workqueue stream");
    public static final ApiError SEALED = new ApiError(400, 10109, "invalid operation on sealed stream");
    public static final ApiError CONSUMER_NAME_HAS_PATH_SEPARATORS =
            new ApiError(400, 10127, "Consumer name can not contain path separators");
    public static final ApiError STREAM_NAME_HAS_PATH_SEPARATORS =
            new ApiError(400, 10128, "Stream name can not contain path separators");
    public static final ApiError FILTER_MISMATCH =
            new ApiError(400, 10131, "Consumer create request did not match filtered subject from create subject");
    public static final ApiError DURABLE_AND_NAME_MISMATCH =
            new ApiError(400, 10132, "Consumer Durable and Name have to be equal if both are provided");
    public static final ApiError DURABLE_NAME_NOT_SET =
            new ApiError(400, 10018, "consumer expected to be durable but a durable name was not set");
    public static final ApiError EPHEMERAL_WITH_DURABLE_NAME =
            new ApiError(400, 10020, "consumer expected to be ephemeral but a durable name was set in request");
    public static final ApiError CONSUMER_NAME_MISMATCH =
            new ApiError(400, 10017, "consumer name in subject does not match durable name in request");
    public static final ApiError CONSUMER_ALREADY_EXISTS = new ApiError(400, 10148, "consumer already exists");
    public static final ApiError CONSUMER_DOES_NOT_EXIST = new ApiError(400, 10149, "consumer does not exist");
    public static final ApiError CONSUMER_NAME_EXISTS = new ApiError(400, 10013, "consumer name already in use");
    public static final ApiError REPLICAS_NEGATIVE = new ApiError(400, 10133, "replicas count cannot be negative");
    public static final ApiError DUPLICATE_FILTER_SUBJECTS =
            new ApiError(400, 10136, "consumer cannot have both FilterSubject and FilterSubjects specified");
    public static final ApiError MULTIPLE_FILTERS_NOT_ALLOWED =
            new ApiError(400, 10137, "consumer with multiple subject filters cannot use subject based API");
    public static final ApiError OVERLAPPING_FILTERS =
            new ApiError(400, 10138, "consumer subject filters cannot overlap");
    public static final ApiError EMPTY_FILTER =
            new ApiError(400, 10139, "consumer filter in FilterSubjects cannot be empty");
    public static final ApiError FILTER_NOT_SUBSET =
            new ApiError(400, 10093, "consumer filter subject is not a valid subset of the interest subjects");
    public static final ApiError MAXIMUM_CONSUMERS = new ApiError(400, 10026, "maximum consumers limit reached");
    public static final ApiError INSUFFICIENT_STORAGE =
            new ApiError(500, 10047, "insufficient storage resources available");
    public static final ApiError INSUFFICIENT_MEMORY =
            new ApiError(500, 10028, "insufficient memory resources available");

    /** {@code JSStreamInvalidConfigF}: the description is the specific problem. */
    public static ApiError invalidStreamConfig(String problem) {
        return new ApiError(500, 10052, problem);
    }

    /** {@code JSStreamInvalidExternalDeliverySubjErrF}. */
    public static ApiError externalDeliverPrefixNotLiteral(String prefix) {
        return new ApiError(400, 10024, "stream external delivery prefix " + prefix + " must not contain wildcards");
    }

    /** {@code JSStreamExternalDelPrefixOverlapsErrF}. */
    public static ApiError externalDeliverPrefixOverlaps(String prefix, String subject) {
        return new ApiError(
                400, 10022, "stream external delivery prefix " + prefix + " overlaps with stream subject " + subject);
    }

    /** {@code JSStreamExternalApiOverlapErrF}. */
    public static ApiError externalApiOverlap(String prefix, String subject) {
        return new ApiError(400, 10021, "stream external api prefix " + prefix + " must not overlap with " + subject);
    }

    /** {@code JSStreamCreateErrF}: what fails while a new stream is built, after the configuration checks. */
    public static ApiError streamCreate(String problem) {
        return new ApiError(500, 10049, problem);
    }

    /** {@code JSStreamUpdateErrF}: what fails while an update is applied, after the configuration checks. */
    public static ApiError streamUpdate(String problem) {
        return new ApiError(500, 10069, problem);
    }

    /** {@code JSConsumerCreateErrF}. */
    public static ApiError consumerCreate(String problem) {
        return new ApiError(500, 10012, problem);
    }

    /** {@code JSConsumerInvalidPolicyErrF}. */
    public static ApiError invalidConsumerPolicy(String problem) {
        return new ApiError(400, 10094, problem);
    }

    /** {@code JSStreamGeneralErrorF}. */
    public static ApiError streamGeneral(String problem) {
        return new ApiError(500, 10051, problem);
    }

    /** {@code JSStreamStoreFailedF}, used for limit refusals on publish. */
    public static ApiError storeFailed(String problem) {
        return new ApiError(503, 10077, problem);
    }

    /** {@code JSStreamWrongLastSequenceErrF}. */
    public static ApiError wrongLastSequence(long sequence) {
        return new ApiError(400, 10071, "wrong last sequence: " + sequence);
    }

    /** {@code JSStreamWrongLastMsgIDErrF}. */
    public static ApiError wrongLastMsgId(String id) {
        return new ApiError(400, 10070, "wrong last msg ID: " + id);
    }

    /** {@code JSStreamMsgDeleteFailedF}. */
    public static ApiError messageDeleteFailed(String problem) {
        return new ApiError(500, 10057, problem);
    }

    /** {@code JSSequenceNotFoundErrF}. */
    public static ApiError sequenceNotFound(long sequence) {
        return new ApiError(400, 10043, "sequence " + sequence + " not found");
    }

    /** {@code JSStreamSnapshotErrF}. */
    public static ApiError snapshotFailed(String problem) {
        return new ApiError(500, 10064, "snapshot failed: " + problem);
    }

    /** {@code JSStreamRestoreErrF}. */
    public static ApiError restoreFailed(String problem) {
        return new ApiError(500, 10062, "restore failed: " + problem);
    }

    /** {@code JSStreamPurgeFailedF}. */
    public static ApiError purgeFailed(String problem) {
        return new ApiError(500, 10110, problem);
    }

    /** {@code JSStreamRollupFailedF}. */
    public static ApiError rollupFailed(String problem) {
        return new ApiError(500, 10111, problem);
    }

    public ApiException exception() {
        return new ApiException(this);
    }
}
