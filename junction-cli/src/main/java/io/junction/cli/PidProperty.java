package io.junction.cli;

import ch.qos.logback.core.PropertyDefinerBase;

/** Gives the log pattern the process id, as nats-server starts every line with it. */
public final class PidProperty extends PropertyDefinerBase {
    @Override
    public String getPropertyValue() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
