package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

/** Where a VNC client reaches a domain's graphical console, as seen from the host the domain runs on. */
public record VncEndpoint(String host, int port) {
    public VncEndpoint {
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of 1..65535: " + port);
        }
    }
}
