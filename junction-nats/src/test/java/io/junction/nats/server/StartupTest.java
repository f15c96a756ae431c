package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connections that arrive while the server starts are served, never dropped half-way. */
class StartupTest {
    @Test
    void greetsEveryConnectionAcceptedDuringStartup() throws Exception {
        for (var round = 0; round < 5; round++) {
            var port = freePort();
            var sockets = new ArrayList<Socket>();
            var dialer = Thread.ofPlatform().start(() -> dial(port, sockets));
            var server = TestServers.start(options -> options.port(port));
            try {
                dialer.join();
                assertThat(sockets).isNotEmpty();
                for (var socket : sockets) {
                    socket.setSoTimeout(5_000);
                    var line = new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
                    assertThat(line).isEqualTo("INFO ");
                }
            } finally {
                for (var socket : sockets) {
                    socket.close();
                }
                server.close();
            }
        }
    }

    private static void dial(int port, List<Socket> sockets) {
        var deadline = System.nanoTime() + 3_000_000_000L;
        while (sockets.size() < 5 && System.nanoTime() < deadline) {
            try {
                var socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                synchronized (sockets) {
                    sockets.add(socket);
                }
            } catch (IOException e) {
                Thread.onSpinWait();
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
