package io.junction.cli.temporal;

import io.temporal.api.history.v1.History;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code temporal workflow show}: the event history as a table, then the result if the run has closed. */
@Command(
        name = "show",
        sortOptions = false,
        description = "Show the event history of a workflow execution; -o json gives a history an SDK can replay.")
final class WorkflowShowCommand extends ClientCommand {
    @Mixin
    WorkflowReference workflow;

    @Override
    int run(Session session) {
        var events = Histories.all(session, workflow.execution());

        if (session.json()) {
            session.printProto(History.newBuilder().addAllEvents(events));
            return OK;
        }
        session.heading("Progress:");
        session.print(Histories.table(events, session.style()).render(session.style()));
        if (!events.isEmpty() && Outcome.closes(events.getLast())) {
            session.println("");
            session.heading("Results:");
            session.print(
                    Outcome.of(events.getLast()).card(session.style(), null).render());
        }
        return OK;
    }
}
