package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.cli.Fixtures.vrm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that closes the first connection without answering, as one closing an idle connection the client has
 * just picked: a GET is sent once more on a new connection, a POST never (it may have been applied).
 */
class DroppedConnectionTest {

    private static final String EMPTY_PAGE = "{\"items\":[],\"offset\":0,\"limit\":100,\"total\":0}";

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0);
        Thread.ofVirtual().start(this::serve);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                readHead(s.getInputStream());
                if (connections.incrementAndGet() == 1) {
                    continue; // closed without a byte of answer
                }
                byte[] body = EMPTY_PAGE.getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // closed by the test
            }
        }
    }

    /** Reads up to the blank line that ends the request head (the requests here have no body we need). */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/api/v1";
    }

    @Test
    void aGetIsSentAgainOnANewConnection() {
        var run = vrm(url(), "cluster", "list", "-o", "json");

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void aPostIsNeverSentTwice() {
        var run = vrm(url(), "cluster", "create", "--name", "prod");

        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.err()).startsWith("error: lost the connection to the manager at " + url());
        assertThat(connections.get()).isEqualTo(1);
    }
}
