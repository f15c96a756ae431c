package io.junction.temporal.workflow;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What a task token names: the run, the task (workflow task, activity or query) and the attempt it was handed out
 * for. A completion whose token no longer matches the run's state is refused as "not found", as Temporal does.
 */
record TaskToken(Kind kind, ExecutionKey run, long scheduledEventId, int attempt, String queryId) {
    private static final int VERSION = 1;

    enum Kind {
        WORKFLOW_TASK,
        ACTIVITY_TASK,
        QUERY_TASK
    }

    ByteString encode() {
        var bytes = new ByteArrayOutputStream(96);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(kind.ordinal());
            out.writeUTF(run.namespace());
            out.writeUTF(run.workflowId());
            out.writeUTF(run.runId());
            out.writeLong(scheduledEventId);
            out.writeInt(attempt);
            out.writeUTF(queryId == null ? "" : queryId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ByteString.copyFrom(bytes.toByteArray());
    }

    static TaskToken decode(ByteString token) {
        if (token.isEmpty()) {
            throw EngineException.invalidArgument("Task token not set on request.");
        }
        try (var in = new DataInputStream(token.newInput())) {
            if (in.readByte() != VERSION) {
                throw EngineException.invalidArgument("Invalid TaskToken.");
            }
            var kind = Kind.values()[in.readByte()];
            var run = new ExecutionKey(in.readUTF(), in.readUTF(), in.readUTF());
            return new TaskToken(kind, run, in.readLong(), in.readInt(), in.readUTF());
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw EngineException.invalidArgument("Invalid TaskToken.");
        }
    }
}
