package org.openvrm.driver.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** The host's ends of a throughput measurement with a guest: a TCP sink that counts, a TCP source of zeros. */
final class HostTraffic {

    private HostTraffic() {
    }

    /** Accepts one connection on {@code address:port} and counts every byte it carries, until closed. */
    static final class Sink implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicLong bytes = new AtomicLong();
        private volatile Socket connection;

        Sink(String address, int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            Thread.ofPlatform().daemon().name("sink-" + port).start(this::accept);
        }

        private void accept() {
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                connection = s;
                server.close(); // one sender per measurement
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    bytes.addAndGet(n);
                }
            } catch (IOException e) {
                // closed: the measurement is over
            }
        }

        long bytes() {
            return bytes.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            Socket s = connection;
            if (s != null) {
                s.close(); // the guest's sender gets a reset and stops
            }
        }
    }

    /** Connects to {@code address:port} and writes zeros as fast as the path takes them, until closed. */
    static final class Source implements AutoCloseable {
        private final Socket socket;

        Source(String address, int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(address, port), 5_000);
            OutputStream out = socket.getOutputStream();
            Thread.ofPlatform().daemon().name("source-" + port).start(() -> {
                byte[] zeros = new byte[64 * 1024];
                try {
                    while (true) {
                        out.write(zeros);
                    }
                } catch (IOException e) {
                    // closed: the measurement is over
                }
            });
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
