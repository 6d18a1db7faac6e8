package org.concord.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ports on the loopback address where a connection is refused, for the tests' dead instances. Each is held by a
 * socket that is bound and does not listen, until the test JVM exits. A port merely found free and let go (a server
 * socket opened on port 0 and closed) could be handed again to the next server opened on port 0, the gateway under
 * test among them: a gateway whose "dead" query side was itself then sent its own requests back to itself, each
 * counted once more against 127.0.0.1's rate limit, until they were answered 429 (WorkspaceRoutingTest, once in CI).
 */
public final class RefusedPorts {

    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();

    private RefusedPorts() {
    }

    /** A port of 127.0.0.1 that refuses connections, and that no server can be given while the tests run. */
    public static int refusedPort() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HELD.add(socket);
        return socket.getLocalPort();
    }
}
