package io.junction.cli.temporal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --input} and {@code --input-file}: arguments as JSON, one per flag, in the order given. */
final class InputOptions {
    @Option(
            names = {"-i", "--input"},
            paramLabel = "<json>",
            description = "Input value as JSON; repeat for several arguments")
    List<String> inputs = new ArrayList<>();

    @Option(
            names = "--input-file",
            paramLabel = "<file>",
            description = "A file holding one JSON input value; repeat for several arguments")
    List<Path> inputFiles = new ArrayList<>();

    /** The inputs as payloads; fails on invalid JSON, an unreadable file, or both flags at once. */
    io.temporal.api.common.v1.Payloads payloads() {
        if (!inputs.isEmpty() && !inputFiles.isEmpty()) {
            throw new CliException("--input and --input-file cannot be combined");
        }
        var values = new ArrayList<>(inputs);
        for (var file : inputFiles) {
            try {
                values.add(Files.readString(file));
            } catch (IOException e) {
                throw new CliException("cannot read input file " + file + ": " + e.getMessage(), e);
            }
        }
        return Payloads.encode(values);
    }
}
