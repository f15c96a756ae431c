package io.junction.temporal.workflow;

import com.google.protobuf.util.Durations;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.failure.v1.Failure;

/** Temporal's retry rules: defaults, validation, and the delay before the next attempt, if any. */
final class RetryPolicies {
    private static final long DEFAULT_INITIAL_MILLIS = 1000;
    private static final double DEFAULT_COEFFICIENT = 2.0;
    private static final int DEFAULT_MAXIMUM_FACTOR = 100;

    private RetryPolicies() {}

    /** Fills in what the activity left unset, as Temporal's server does when it schedules an activity. */
    static RetryPolicy withActivityDefaults(RetryPolicy policy) {
        var builder = policy.toBuilder();
        if (!policy.hasInitialInterval() || Durations.toMillis(policy.getInitialInterval()) == 0) {
            builder.setInitialInterval(Durations.fromMillis(DEFAULT_INITIAL_MILLIS));
        }
        if (policy.getBackoffCoefficient() == 0) {
            builder.setBackoffCoefficient(DEFAULT_COEFFICIENT);
        }
        if (!policy.hasMaximumInterval() || Durations.toMillis(policy.getMaximumInterval()) == 0) {
            builder.setMaximumInterval(
                    Durations.fromMillis(Durations.toMillis(builder.getInitialInterval()) * DEFAULT_MAXIMUM_FACTOR));
        }
        return builder.build();
    }

    /** Null when the policy is valid, else Temporal's message for what is wrong with it. */
    static String validate(RetryPolicy policy) {
        if (Durations.toMillis(policy.getInitialInterval()) < 0) {
            return "InitialInterval cannot be negative on retry policy.";
        }
        if (policy.getBackoffCoefficient() != 0 && policy.getBackoffCoefficient() < 1) {
            return "BackoffCoefficient cannot be less than 1 on retry policy.";
        }
        if (Durations.toMillis(policy.getMaximumInterval()) < 0) {
            return "MaximumInterval cannot be negative on retry policy.";
        }
        if (Durations.toMillis(policy.getMaximumInterval()) > 0
                && Durations.toMillis(policy.getMaximumInterval()) < Durations.toMillis(policy.getInitialInterval())) {
            return "MaximumInterval cannot be less than InitialInterval on retry policy.";
        }
        if (policy.getMaximumAttempts() < 0) {
            return "MaximumAttempts cannot be negative on retry policy.";
        }
        return null;
    }

    /**
     * The outcome of a failed attempt: the delay before attempt {@code attempt + 1}, or why there is none.
     *
     * @param expiration epoch ms after which no attempt may start, or 0 for none
     */
    static Decision next(RetryPolicy policy, int attempt, Failure failure, long expiration, long now) {
        if (!isRetryable(policy, failure)) {
            return Decision.stop(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE);
        }
        if (policy.getMaximumAttempts() == 1) {
            return Decision.stop(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
        }
        if (policy.getMaximumAttempts() > 0 && attempt >= policy.getMaximumAttempts()) {
            return Decision.stop(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
        }
        var delay = delay(policy, attempt, failure);
        if (expiration > 0 && now + delay >= expiration) {
            return Decision.stop(RetryState.RETRY_STATE_TIMEOUT);
        }
        return new Decision(RetryState.RETRY_STATE_IN_PROGRESS, delay);
    }

    private static long delay(RetryPolicy policy, int attempt, Failure failure) {
        var info = failure.getApplicationFailureInfo();
        if (failure.hasApplicationFailureInfo() && info.hasNextRetryDelay()) {
            return Durations.toMillis(info.getNextRetryDelay());
        }
        var initial = Durations.toMillis(policy.getInitialInterval());
        var coefficient = policy.getBackoffCoefficient() == 0 ? DEFAULT_COEFFICIENT : policy.getBackoffCoefficient();
        var delay = initial * Math.pow(coefficient, attempt - 1);
        var maximum = Durations.toMillis(policy.getMaximumInterval());
        if (maximum > 0) {
            delay = Math.min(delay, maximum);
        }
        return (long) Math.min(delay, Long.MAX_VALUE / 2);
    }

    private static boolean isRetryable(RetryPolicy policy, Failure failure) {
        if (failure.hasTerminatedFailureInfo() || failure.hasCanceledFailureInfo()) {
            return false;
        }
        if (failure.hasApplicationFailureInfo()) {
            var info = failure.getApplicationFailureInfo();
            return !info.getNonRetryable()
                    && !policy.getNonRetryableErrorTypesList().contains(info.getType());
        }
        if (failure.hasTimeoutFailureInfo()) {
            var type = failure.getTimeoutFailureInfo().getTimeoutType();
            if (type == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START
                    || type == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE) {
                return false;
            }
            var name = type == TimeoutType.TIMEOUT_TYPE_HEARTBEAT
                    ? "TemporalTimeout:Heartbeat"
                    : "TemporalTimeout:StartToClose";
            return !policy.getNonRetryableErrorTypesList().contains(name);
        }
        return true;
    }

    /** Retry now-or-never: the state to record, and the delay when retrying. */
    record Decision(RetryState state, long delayMillis) {
        static Decision stop(RetryState state) {
            return new Decision(state, -1);
        }

        boolean retry() {
            return state == RetryState.RETRY_STATE_IN_PROGRESS;
        }
    }
}
