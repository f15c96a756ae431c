package io.junction.nats.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain socket speaking the NATS protocol by hand, for tests of exact bytes. Reads are bounded by a timeout so a
 * test never hangs.
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByServer;

    public RawClient(NatsServer server) {
        try {
            socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(50);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects, reads INFO and sends a CONNECT with the given JSON. */
    public static RawClient connected(NatsServer server, String connectJson) {
        var client = new RawClient(server);
        client.readLine(Duration.ofSeconds(5));
        client.send("CONNECT " + connectJson + "\r\n");
        return client;
    }

    public RawClient send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Reads until the received text contains {@code expected} or the timeout passes; returns all text so far. */
    public String readUntil(String expected, Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (!text().contains(expected) && System.nanoTime() < deadline && !closedByServer) {
            readSome();
        }
        return text();
    }

    /** Reads one line (without CRLF), failing after the timeout. */
    public String readLine(Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (!text().contains("\r\n") && System.nanoTime() < deadline && !closedByServer) {
            readSome();
        }
        var text = text();
        var end = text.indexOf("\r\n");
        if (end < 0) {
            throw new AssertionError("no line within " + timeout + ", got: " + text);
        }
        var line = text.substring(0, end);
        var rest = text.substring(end + 2).getBytes(StandardCharsets.ISO_8859_1);
        received.reset();
        received.writeBytes(rest);
        return line;
    }

    /** Sends PING and waits for PONG, so everything sent before has been processed. */
    public String sync() {
        send("PING\r\n");
        return readUntil("PONG\r\n", Duration.ofSeconds(5));
    }

    /** Reads for the given time and returns everything received so far. */
    public String drain(Duration duration) {
        var deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline && !closedByServer) {
            readSome();
        }
        return text();
    }

    /** Waits until the server closes the connection; true when it did within the timeout. */
    public boolean awaitClosedByServer(Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (!closedByServer && System.nanoTime() < deadline) {
            readSome();
        }
        return closedByServer;
    }

    public String text() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    public void clear() {
        received.reset();
    }

    private void readSome() {
        var buffer = new byte[65536];
        try {
            var n = in.read(buffer);
            if (n < 0) {
                closedByServer = true;
            } else {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // Nothing arrived in this slice; the caller's deadline decides.
        } catch (IOException e) {
            closedByServer = true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
