package io.junction.nats.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads client operations from a connection's inbound bytes, however they are split across reads.
 *
 * <h2>Buffering</h2>
 * The caller accumulates bytes and calls {@link #parse} after each read; every complete operation is consumed and
 * handed to the {@link ClientOpHandler}, a partial one is left in the buffer. A control line longer than
 * {@code max_control_line} and a payload larger than {@code max_payload} are refused as soon as they are announced,
 * so the buffer never holds more than one control line and one payload.
 *
 * <p>After PING, PONG and +OK nats-server ignores every byte up to the line feed, however many; so does this parser,
 * dropping them as they arrive instead of holding them.
 *
 * <h2>Errors</h2>
 * An unknown operation is refused at its first wrong byte, as nats-server does, without waiting for the line's end.
 * After a violation the parser consumes nothing more.
 *
 * <p>Not thread-safe: one parser per connection, used on its event loop.
 */
public final class ProtocolParser {
    private static final String[] OPERATIONS = {
        "PUB", "HPUB", "SUB", "UNSUB", "PING", "PONG", "CONNECT", "INFO", "+OK", "-ERR"
    };
    private static final String[] ARGUMENT_RIGHT_AFTER = {"CONNECT", "INFO"};
    private static final int MAX_ARGS = 5;
    private static final int MAX_SIZE_DIGITS = 9;

    private final ClientOpHandler handler;
    private final int maxControlLine;
    private final int[] argStarts = new int[MAX_ARGS];
    private final int[] argEnds = new int[MAX_ARGS];
    private int scanned;
    /** The bare operation (PING, PONG or +OK) whose line is being skipped to its end, or 0. */
    private int skipping;

    private boolean failed;
    private boolean awaitingPayload;
    private String pubSubject;
    private String pubReply;
    private int pubHeaderLength;
    private int pubSize;

    public ProtocolParser(ClientOpHandler handler, int maxControlLine) {
        this.handler = handler;
        this.maxControlLine = maxControlLine;
    }

    /** Consumes every complete operation in {@code in}, leaving any partial one unread. */
    public void parse(ByteBuf in) {
        while (!failed && handler.isOpen() && !handler.isStalled() && in.isReadable()) {
            if (skipping != 0) {
                if (!skipToLineEnd(in)) {
                    return;
                }
                continue;
            }
            if (awaitingPayload) {
                if (!readPayload(in)) {
                    return;
                }
                continue;
            }
            var start = in.readerIndex();
            var lineFeed = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
            if (lineFeed < 0) {
                scanned = in.readableBytes();
                checkPartialLine(in, start, in.writerIndex());
                return;
            }
            scanned = 0;
            in.readerIndex(lineFeed + 1);
            processLine(in, start, lineEnd(in, start, lineFeed));
        }
    }

    private boolean readPayload(ByteBuf in) {
        if (in.readableBytes() < pubSize + 2) {
            return false;
        }
        var start = in.readerIndex();
        if (in.getByte(start + pubSize) != '\r' || in.getByte(start + pubSize + 1) != '\n') {
            fail(ProtocolError.UNKNOWN_OPERATION, "message does not end with CRLF after " + pubSize + " bytes");
            return false;
        }
        awaitingPayload = false;
        var subject = pubSubject;
        var reply = pubReply;
        pubSubject = null;
        pubReply = null;
        handler.publish(subject, reply, pubHeaderLength, in.slice(start, pubSize));
        in.readerIndex(start + pubSize + 2);
        return true;
    }

    /**
     * Where the line's content ends: before a CR just ahead of the line feed; and, as nats-server drops the byte
     * ahead of the line feed once it has seen a CR among the arguments, before that byte too when a CR occurs there.
     */
    private static int lineEnd(ByteBuf in, int start, int lineFeed) {
        if (lineFeed == start || in.getByte(lineFeed - 1) == '\r') {
            return Math.max(start, lineFeed - 1);
        }
        var argStart = skipSeparators(in, operationEnd(in, start, lineFeed, false), lineFeed);
        if (argStart + 1 >= lineFeed) {
            return lineFeed;
        }
        return in.indexOf(argStart + 1, lineFeed, (byte) '\r') >= 0 ? lineFeed - 1 : lineFeed;
    }

    /** Drops the rest of a bare operation's line; true once its line feed was seen and the operation handled. */
    private boolean skipToLineEnd(ByteBuf in) {
        var lineFeed = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lineFeed < 0) {
            in.skipBytes(in.readableBytes());
            return false;
        }
        in.readerIndex(lineFeed + 1);
        var op = skipping;
        skipping = 0;
        dispatchBare(op);
        return true;
    }

    private void dispatchBare(int op) {
        switch (op) {
            case 'I' -> handler.ping();
            case 'O' -> handler.pong();
            default -> {
                // +OK from a client carries nothing the server acts on.
            }
        }
    }

    /** 'I' for PING, 'O' for PONG, '+' for +OK when the line starts with one of them, else 0. */
    private static int bareOperation(ByteBuf in, int start, int end) {
        var length = end - start;
        if (length >= 4 && startsWithIgnoreCase(in, start, 4, "PING")) {
            return 'I';
        }
        if (length >= 4 && startsWithIgnoreCase(in, start, 4, "PONG")) {
            return 'O';
        }
        return length >= 3 && startsWithIgnoreCase(in, start, 3, "+OK") ? '+' : 0;
    }

    private void checkPartialLine(ByteBuf in, int start, int end) {
        var opEnd = operationEnd(in, start, end, true);
        var complete = opEnd < end;
        if (!checkOperationWord(in, start, opEnd, complete)) {
            return;
        }
        var bare = bareOperation(in, start, end);
        if (bare != 0) {
            skipping = bare;
            scanned = 0;
            in.readerIndex(end);
            return;
        }
        if (end - opEnd > maxControlLine) {
            fail(ProtocolError.MAX_CONTROL_LINE, "partial control line of " + (end - start) + " bytes");
        }
    }

    /**
     * Where the operation word ends: at the first separator (or carriage return, for a partial line), except that
     * CONNECT and INFO take their argument right after the word, with or without a space, as in nats-server.
     */
    private static int operationEnd(ByteBuf in, int start, int end, boolean stopAtCarriageReturn) {
        for (var word : ARGUMENT_RIGHT_AFTER) {
            if (end - start > word.length() && startsWithIgnoreCase(in, start, word.length(), word)) {
                return start + word.length();
            }
        }
        var opEnd = start;
        while (opEnd < end && !isSeparator(in.getByte(opEnd)) && !(stopAtCarriageReturn && in.getByte(opEnd) == '\r')) {
            opEnd++;
        }
        return opEnd;
    }

    /** Refuses a word that is not, and cannot grow into, a known operation; true when it may stand. */
    private boolean checkOperationWord(ByteBuf in, int start, int end, boolean complete) {
        if (end > start && handler.awaitingConnect() && upper(in.getByte(start)) != 'C') {
            fail(ProtocolError.AUTHORIZATION_VIOLATION, "operation before CONNECT");
            return false;
        }
        var length = end - start;
        for (var op : OPERATIONS) {
            var fits = complete ? length == op.length() : length <= op.length();
            if (fits && startsWithIgnoreCase(in, start, length, op)) {
                return true;
            }
            if (isBare(op) && length > op.length() && startsWithIgnoreCase(in, start, op.length(), op)) {
                return true;
            }
        }
        fail(
                ProtocolError.UNKNOWN_OPERATION,
                "unknown operation " + in.toString(start, length, StandardCharsets.ISO_8859_1));
        return false;
    }

    private void processLine(ByteBuf in, int start, int end) {
        var opEnd = operationEnd(in, start, end, false);
        if (!checkOperationWord(in, start, opEnd, true)) {
            return;
        }
        var bare = bareOperation(in, start, end);
        if (bare != 0) {
            dispatchBare(bare);
            return;
        }
        var op = upper(in.getByte(start));
        if (opEnd == end && op != 'C' && op != 'I') {
            // nats-server wants a space or tab right after PUB, HPUB, SUB, UNSUB and -ERR.
            fail(ProtocolError.UNKNOWN_OPERATION, "operation without arguments");
            return;
        }
        var argStart = skipSeparators(in, opEnd, end);
        if (end - argStart > maxControlLine) {
            fail(ProtocolError.MAX_CONTROL_LINE, "control line of " + (end - start) + " bytes");
            return;
        }
        switch (op) {
            case 'P' -> processPub(in, argStart, end);
            case 'H' -> processHeaderPub(in, argStart, end);
            case 'S' -> processSub(in, argStart, end);
            case 'U' -> processUnsub(in, argStart, end);
            case 'C' -> handler.connect(in.toString(argStart, end - argStart, StandardCharsets.UTF_8));
            case 'I' -> handler.info(in.toString(argStart, end - argStart, StandardCharsets.UTF_8));
            default -> fail(ProtocolError.MALFORMED_ARGUMENTS, "client sent -ERR");
        }
    }

    private void processPub(ByteBuf in, int start, int end) {
        var count = splitArgs(in, start, end, false);
        if (count != 2 && count != 3) {
            fail(ProtocolError.MALFORMED_ARGUMENTS, "PUB needs a subject, an optional reply and a size");
            return;
        }
        var size = parseSize(in, count - 1);
        if (size < 0) {
            fail(ProtocolError.MALFORMED_ARGUMENTS, "PUB has a bad or missing size");
            return;
        }
        expectPayload(in, count == 3, -1, size);
    }

    private void processHeaderPub(ByteBuf in, int start, int end) {
        if (!handler.headersEnabled()) {
            fail(ProtocolError.MALFORMED_ARGUMENTS, "HPUB from a client that did not enable headers");
            return;
        }
        var count = splitArgs(in, start, end, false);
        if (count != 3 && count != 4) {
            fail(ProtocolError.MALFORMED_ARGUMENTS, "HPUB needs a subject, an optional reply and two sizes");
            return;
        }
        var headerLength = (int) Math.min(parseSize(in, count - 2), Integer.MAX_VALUE);
        var size = parseSize(in, count - 1);
        if (headerLength < 0 || size < 0 || headerLength > size) {
            fail(ProtocolError.MALFORMED_ARGUMENTS, "HPUB has bad header or total sizes");
            return;
        }
        expectPayload(in, count == 4, headerLength, size);
    }

    private void expectPayload(ByteBuf in, boolean hasReply, int headerLength, long size) {
        if (size > handler.maxPayload()) {
            fail(ProtocolError.MAX_PAYLOAD, "payload of " + size + " bytes over max_payload " + handler.maxPayload());
            return;
        }
        pubSubject = arg(in, 0);
        pubReply = hasReply ? arg(in, 1) : null;
        pubHeaderLength = headerLength;
        pubSize = (int) size;
        awaitingPayload = true;
        handler.publishAnnounced(pubSubject);
    }

    private void processSub(ByteBuf in, int start, int end) {
        var count = splitArgs(in, start, end, true);
        switch (count) {
            case 2 -> handler.subscribe(arg(in, 0), null, arg(in, 1));
            case 3 -> handler.subscribe(arg(in, 0), arg(in, 1), arg(in, 2));
            default -> fail(ProtocolError.MALFORMED_ARGUMENTS, "SUB needs a subject, an optional queue and a sid");
        }
    }

    private void processUnsub(ByteBuf in, int start, int end) {
        var count = splitArgs(in, start, end, true);
        switch (count) {
            case 1 -> handler.unsubscribe(arg(in, 0), -1);
            case 2 -> handler.unsubscribe(arg(in, 0), parseSize(in, 1));
            default -> fail(ProtocolError.MALFORMED_ARGUMENTS, "UNSUB needs a sid and an optional maximum");
        }
    }

    private void fail(ProtocolError error, String detail) {
        failed = true;
        awaitingPayload = false;
        handler.protocolViolation(error, detail);
    }

    /**
     * Splits the arguments on runs of spaces and tabs, and of carriage returns too for SUB and UNSUB as nats-server's
     * splitArg does; returns their count, or MAX_ARGS + 1 when there are more.
     */
    private int splitArgs(ByteBuf in, int start, int end, boolean carriageReturnSeparates) {
        var count = 0;
        var i = start;
        while (i < end) {
            while (i < end && separates(in.getByte(i), carriageReturnSeparates)) {
                i++;
            }
            if (i >= end) {
                break;
            }
            if (count == MAX_ARGS) {
                return MAX_ARGS + 1;
            }
            argStarts[count] = i;
            while (i < end && !separates(in.getByte(i), carriageReturnSeparates)) {
                i++;
            }
            argEnds[count++] = i;
        }
        return count;
    }

    private String arg(ByteBuf in, int index) {
        return in.toString(argStarts[index], argEnds[index] - argStarts[index], StandardCharsets.ISO_8859_1);
    }

    /** The argument as a non-negative decimal of at most 9 digits, or -1, as nats-server's parseSize. */
    private long parseSize(ByteBuf in, int index) {
        var start = argStarts[index];
        var end = argEnds[index];
        if (end - start == 0 || end - start > MAX_SIZE_DIGITS) {
            return -1;
        }
        var value = 0L;
        for (var i = start; i < end; i++) {
            var digit = in.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static boolean isBare(String op) {
        return op.equals("PING") || op.equals("PONG") || op.equals("+OK");
    }

    private static int skipSeparators(ByteBuf in, int from, int end) {
        var i = from;
        while (i < end && isSeparator(in.getByte(i))) {
            i++;
        }
        return i;
    }

    private static boolean separates(byte b, boolean carriageReturnSeparates) {
        return isSeparator(b) || carriageReturnSeparates && b == '\r';
    }

    private static boolean isSeparator(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int upper(byte b) {
        return b >= 'a' && b <= 'z' ? b - 32 : b;
    }

    private static boolean startsWithIgnoreCase(ByteBuf in, int start, int length, String op) {
        for (var i = 0; i < length; i++) {
            if (upper(in.getByte(start + i)) != op.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
