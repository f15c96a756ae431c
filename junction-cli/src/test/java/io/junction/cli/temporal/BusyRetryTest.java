package io.junction.cli.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A busy server (RESOURCE_EXHAUSTED) is asked again; any other failure, or one that outlasts the patience, ends it. */
class BusyRetryTest {
    @Test
    void asksABusyServerAgainUntilItAnswers() {
        var calls = new AtomicInteger();

        var answer = Session.whileBusy(
                () -> {
                    if (calls.incrementAndGet() < 3) {
                        throw Status.RESOURCE_EXHAUSTED.asRuntimeException();
                    }
                    return "answer";
                },
                5_000);

        assertThat(answer).isEqualTo("answer");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpOnOtherFailuresAtOnceAndOnBusyOnesAfterItsPatience() {
        var calls = new AtomicInteger();
        assertThatThrownBy(() -> Session.whileBusy(
                        () -> {
                            calls.incrementAndGet();
                            throw Status.NOT_FOUND.asRuntimeException();
                        },
                        5_000))
                .isInstanceOf(StatusRuntimeException.class);
        assertThat(calls).hasValue(1);

        assertThatThrownBy(() -> Session.whileBusy(
                        () -> {
                            throw Status.RESOURCE_EXHAUSTED.asRuntimeException();
                        },
                        200))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }
}
