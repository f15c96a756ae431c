package io.junction.cli;

import io.junction.nats.server.ServerInfoFactory;
import picocli.CommandLine;

public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "junction " + ServerInfoFactory.JUNCTION_VERSION + " (NATS protocol of nats-server "
                    + ServerInfoFactory.NATS_VERSION + ")"
        };
    }
}
