package io.junction.jetstream.consumer;

import io.junction.jetstream.api.ApiError;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an update may change of an existing consumer, as nats-server's {@code checkNewConsumerConfig} decides: where
 * it starts, how it is acknowledged and replayed, its heartbeats and flow control, whether it is pull or push, and
 * its {@code max_waiting} stay as they were. A refusal is nats-server's 10012 with the reason as its description; a
 * push consumer moves to another deliver subject only while nobody listens on its current one (else 10013).
 */
final class ConsumerUpdates {
    private ConsumerUpdates() {}

    /**
     * @param hasInterest whether anyone subscribes to a subject, for a push consumer's current deliver subject
     */
    static void check(ConsumerConfig current, ConsumerConfig updated, Predicate<String> hasInterest) {
        if (current.equals(updated)) {
            return;
        }
        if (current.deliverPolicy() != updated.deliverPolicy()) {
            throw refused("deliver policy can not be updated");
        }
        if (current.optStartSeq() != updated.optStartSeq()) {
            throw refused("start sequence can not be updated");
        }
        if (!Objects.equals(startTime(current), startTime(updated))) {
            throw refused("start time can not be updated");
        }
        if (current.ackPolicy() != updated.ackPolicy()) {
            throw refused("ack policy can not be updated");
        }
        if (current.replayPolicy() != updated.replayPolicy()) {
            throw refused("replay policy can not be updated");
        }
        if (current.idleHeartbeatNanos() != updated.idleHeartbeatNanos()) {
            throw refused("heart beats can not be updated");
        }
        if (current.flowControl() != updated.flowControl()) {
            throw refused("flow control can not be updated");
        }
        if (!Objects.equals(deliverSubject(current), deliverSubject(updated))) {
            if (current.isPull()) {
                throw refused("can not update pull consumer to push based");
            }
            if (updated.isPull()) {
                throw refused("can not update push consumer to pull based");
            }
            if (hasInterest.test(current.deliverSubject())) {
                throw ApiError.CONSUMER_NAME_EXISTS.exception();
            }
        }
        if (current.maxWaiting() != updated.maxWaiting()) {
            throw refused("max waiting can not be updated");
        }
    }

    private static String deliverSubject(ConsumerConfig config) {
        return config.isPull() ? null : config.deliverSubject();
    }

    /** The start time as an instant, so that two spellings of one moment are the same time, as Go compares them. */
    private static Instant startTime(ConsumerConfig config) {
        return config.optStartTime() == null || config.optStartTime().isEmpty()
                ? null
                : Instant.parse(config.optStartTime());
    }

    private static RuntimeException refused(String reason) {
        return ApiError.consumerCreate(reason).exception();
    }
}
