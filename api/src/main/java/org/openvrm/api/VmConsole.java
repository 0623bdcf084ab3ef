package org.openvrm.api;

/**
 * Where a VM's consoles are. VNC listens on the host's loopback address only until users, roles and TLS exist, so
 * a client reaches it from the host itself or through an SSH tunnel.
 *
 * @param vnc the graphical console while the VM runs or is paused; null otherwise
 * @param outputPath the API path of the serial console's text output
 */
public record VmConsole(String vmId, String state, VncEndpoint vnc, String outputPath) {

    public record VncEndpoint(String host, int port) {}
}
