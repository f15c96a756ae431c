package io.junction.cli.temporal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code temporal workflow start}: starts an execution and prints its workflow and run IDs. */
@Command(
        name = "start",
        sortOptions = false,
        description = "Start a workflow execution and print its workflow ID and run ID.")
final class WorkflowStartCommand extends ClientCommand {
    @Mixin
    StartOptions options;

    @Override
    int run(Session session) {
        var started = Started.start(session, options);

        started.print(session);
        return OK;
    }
}
