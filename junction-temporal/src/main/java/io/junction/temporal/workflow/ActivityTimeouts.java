package io.junction.temporal.workflow;

import com.google.protobuf.Duration;
import com.google.protobuf.util.Durations;
import io.temporal.api.command.v1.ScheduleActivityTaskCommandAttributes;

/**
 * An activity's four timeouts after Temporal's normalization: schedule-to-close bounds the others, the run
 * timeout bounds an unset schedule-to-close, and the heartbeat timeout never exceeds start-to-close.
 */
record ActivityTimeouts(long scheduleToClose, long scheduleToStart, long startToClose, long heartbeat) {
    static ActivityTimeouts normalize(ScheduleActivityTaskCommandAttributes command, Duration runTimeout) {
        var run = Durations.toMillis(runTimeout);
        var scheduleToClose = Durations.toMillis(command.getScheduleToCloseTimeout());
        var scheduleToStart = Durations.toMillis(command.getScheduleToStartTimeout());
        var startToClose = Durations.toMillis(command.getStartToCloseTimeout());
        var heartbeat = Durations.toMillis(command.getHeartbeatTimeout());
        if (run > 0 && (scheduleToClose <= 0 || scheduleToClose > run)) {
            scheduleToClose = run;
        }
        if (scheduleToClose > 0) {
            scheduleToStart = scheduleToStart <= 0 ? scheduleToClose : Math.min(scheduleToStart, scheduleToClose);
            startToClose = startToClose <= 0 ? scheduleToClose : Math.min(startToClose, scheduleToClose);
        } else {
            scheduleToStart = Math.max(0, scheduleToStart);
        }
        if (startToClose > 0 && heartbeat > startToClose) {
            heartbeat = startToClose;
        }
        return new ActivityTimeouts(scheduleToClose, scheduleToStart, startToClose, Math.max(0, heartbeat));
    }
}
