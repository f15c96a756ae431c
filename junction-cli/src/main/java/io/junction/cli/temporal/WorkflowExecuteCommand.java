package io.junction.cli.temporal;

import io.temporal.api.common.v1.WorkflowExecution;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code temporal workflow execute}: starts an execution, waits for it to close, then prints its history and
 * result. Exits 1 when the workflow did not complete.
 */
@Command(
        name = "execute",
        sortOptions = false,
        description = "Start a workflow execution, wait for it to close and print its history and result.")
final class WorkflowExecuteCommand extends ClientCommand {
    @Mixin
    StartOptions options;

    @Override
    int run(Session session) {
        var startedAt = System.nanoTime();
        var started = Started.start(session, options);
        if (!session.json()) {
            started.print(session);
        }
        var outcome = Outcome.of(Histories.closeEvent(session, started.workflowId(), started.runId()));
        var runTime = Duration.ofNanos(System.nanoTime() - startedAt);

        if (session.json()) {
            var json = Payloads.JSON
                    .createObjectNode()
                    .put("workflowId", started.workflowId())
                    .put("runId", started.runId())
                    .put("type", started.type())
                    .put("namespace", started.namespace())
                    .put("taskQueue", started.taskQueue())
                    .put("durationMillis", runTime.toMillis());
            session.printJson(outcome.addTo(json));
        } else {
            var execution = WorkflowExecution.newBuilder()
                    .setWorkflowId(started.workflowId())
                    .setRunId(started.runId())
                    .build();
            session.println("");
            session.heading("Progress:");
            session.print(Histories.table(Histories.all(session, execution), session.style())
                    .render(session.style()));
            session.println("");
            session.heading("Results:");
            session.print(outcome.card(session.style(), runTime).render());
        }
        if (!outcome.completed()) {
            throw new CliException(outcome.error());
        }
        return OK;
    }
}
