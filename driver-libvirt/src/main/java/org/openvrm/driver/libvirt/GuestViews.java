package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.libvirt.Domain;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.VncEndpoint;
import org.openvrm.driver.libvirt.Domains.Found;

/**
 * Read-only views into a domain's guest: the VNC endpoint (live XML), the serial console (the log virtlogd writes,
 * truncated at every QEMU start by append='off') and what the guest agent says (bounded by a per-command timeout).
 * None of them changes the domain, so none takes its lock.
 */
final class GuestViews {

    /** Per agent command; two commands, so guestInfo waits at most about twice this for a silent agent. */
    static final int AGENT_TIMEOUT_SECONDS = 2;
    private static final int XML_INACTIVE = 2;

    private final Connection connection;
    private final Domains domains;
    private final DomainActions actions;
    private final boolean local;

    GuestViews(Connection connection, Domains domains, DomainActions actions, boolean local) {
        this.connection = requireNonNull(connection, "connection is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.actions = requireNonNull(actions, "actions is null");
        this.local = local;
    }

    Optional<VncEndpoint> vnc(String vmId) {
        Found found = actions.existing(vmId);
        if (found.state() != PowerState.RUNNING && found.state() != PowerState.PAUSED) {
            return Optional.empty();
        }
        String xml = connection.call("read the live XML of " + found.name(), c -> domains.domain(c, found)
                .getXMLDesc(0));
        return DomainXmlReader.vnc(xml);
    }

    String consoleOutput(String vmId, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        Found found = actions.existing(vmId);
        String xml = connection.call("read the XML of " + found.name(), c -> domains.domain(c, found)
                .getXMLDesc(XML_INACTIVE));
        Optional<String> log = DomainXmlReader.serialLog(xml);
        if (log.isEmpty()) {
            return "";
        }
        if (!local) {
            throw new DriverException(Reason.FAILED, "the serial log of " + found.name()
                    + " is on the remote host; its own agent reads it");
        }
        try {
            return tail(Path.of(log.get()), maxBytes);
        } catch (IOException e) {
            throw new DriverException(Reason.FAILED, "cannot read the serial log " + log.get() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Asks the agent now; a domain that does not run, or an agent that does not answer in time, is NONE. */
    GuestInfo guestInfo(String vmId) {
        Found found = actions.existing(vmId);
        if (found.state() != PowerState.RUNNING) {
            return GuestInfo.NONE;
        }
        try {
            return connection.callGuestAgent("ask the guest agent of " + found.name(), c -> {
                Domain domain = domains.domain(c, found);
                String host = domain.qemuAgentCommand(AgentReplies.HOST_NAME, AGENT_TIMEOUT_SECONDS, 0);
                String nics = domain.qemuAgentCommand(AgentReplies.INTERFACES, AGENT_TIMEOUT_SECONDS, 0);
                return AgentReplies.guestInfo(host, nics);
            });
        } catch (DriverException e) {
            if (e.reason() == Reason.UNAVAILABLE || e.reason() == Reason.NOT_FOUND) {
                throw e; // libvirtd is gone, or the domain is: not an agent's silence
            }
            return GuestInfo.NONE; // not connected, not responding, timed out, stopped in between
        } catch (IllegalArgumentException e) {
            return GuestInfo.NONE; // an agent that answers garbage is no agent to rely on
        }
    }

    /**
     * The last {@code maxBytes} bytes of {@code file} as UTF-8, never starting inside a character; "" when there is
     * no file (the domain never started since it was defined).
     */
    static String tail(Path file, int maxBytes) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, maxBytes);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            int from = 0;
            while (from < size && (bytes[from] & 0xC0) == 0x80) {
                from++; // a continuation byte: start at the next whole character
            }
            return new String(bytes, from, size - from, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return ""; // deleted in between
        }
    }
}
