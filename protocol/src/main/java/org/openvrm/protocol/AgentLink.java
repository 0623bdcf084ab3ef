package org.openvrm.protocol;

import java.util.List;
import java.util.Optional;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.Tuning;
import org.openvrm.driver.VncEndpoint;

/**
 * What the manager may ask of one host's agent, wherever the agent runs: in the manager's JVM ({@code Agent}) or
 * in its own process at the far end of a gRPC stream. Every call blocks until the agent answers; a remote link
 * whose stream is gone answers a command with {@link org.openvrm.driver.DriverException.Reason#UNAVAILABLE} and
 * a query by throwing a {@link org.openvrm.driver.DriverException} with that reason.
 */
public interface AgentLink {

    /** Runs the command, or joins/answers the earlier run of the same command id. */
    CommandOutcome execute(AgentCommand command, ProgressSink progress);

    /**
     * False once the link can carry nothing more (a remote agent's session ended): an UNAVAILABLE answer from a
     * link that is no longer open means the command's outcome was never heard, not that the host refused it, so
     * the same command (same id) may be sent again on the host's next link. An in-process agent is always open.
     */
    default boolean open() {
        return true;
    }

    /** The domain as the hypervisor sees it now: the truth a failed step is reconciled with. */
    Optional<DomainStatus> domain(String vmId);

    /** The host's inventory and every domain it has. */
    HostReport report();

    /**
     * The heartbeat's question: returns when the agent and its hypervisor answer now, throws a
     * {@link org.openvrm.driver.DriverException} when they cannot (libvirtd down, stream gone).
     */
    void ping();

    // Read-only queries: they change nothing, so they need no command id and are simply asked again.

    /** Where the domain's graphical console listens while it runs or is paused; empty otherwise. */
    Optional<VncEndpoint> vnc(String vmId);

    /** The last {@code maxBytes} of the domain's serial console since its last start. */
    String consoleOutput(String vmId, int maxBytes);

    /** What the guest agent says now, asked with a bounded wait; {@link GuestInfo#NONE} when nobody answers. */
    GuestInfo guestInfo(String vmId);

    /** The QoS the hypervisor enforces on the domain now, read back from it. */
    Tuning tuning(String vmId);

    /** The domain's snapshots as the hypervisor keeps them. */
    List<SnapshotInfo> snapshots(String vmId);
}
