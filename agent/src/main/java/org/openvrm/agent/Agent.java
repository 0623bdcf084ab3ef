package org.openvrm.agent;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.Tuning;
import org.openvrm.driver.VncEndpoint;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.AgentCommand.DefineVm;
import org.openvrm.protocol.AgentCommand.GrowDisk;
import org.openvrm.protocol.AgentCommand.DeleteSnapshot;
import org.openvrm.protocol.AgentCommand.HibernateVm;
import org.openvrm.protocol.AgentCommand.RebootVm;
import org.openvrm.protocol.AgentCommand.ResumeVm;
import org.openvrm.protocol.AgentCommand.RevertVm;
import org.openvrm.protocol.AgentCommand.ShutdownVm;
import org.openvrm.protocol.AgentCommand.SnapshotVm;
import org.openvrm.protocol.AgentCommand.StartVm;
import org.openvrm.protocol.AgentCommand.StopVm;
import org.openvrm.protocol.AgentCommand.SuspendVm;
import org.openvrm.protocol.AgentCommand.TuneVm;
import org.openvrm.protocol.AgentCommand.UndefineVm;
import org.openvrm.protocol.AgentEvent;
import org.openvrm.protocol.AgentLink;
import org.openvrm.protocol.CommandOutcome;
import org.openvrm.protocol.HostReport;

/**
 * The CNA: runs the manager's commands on one host's hypervisor, each command id at most once, and forwards the
 * hypervisor's own state changes as events.
 */
public final class Agent implements AgentLink, AutoCloseable {

    private final HypervisorDriver driver;
    private final Map<String, CompletableFuture<CommandOutcome>> seen;
    private final CommandJournal journal;
    /** Set by close(): a command cut short by it has no outcome to remember (see execute). */
    private volatile boolean closed;

    /**
     * @param rememberedCommands how many finished command ids to remember for deduplication; a resend older than
     *     that is applied again, which is harmless because every driver call is idempotent on its target state
     */
    public Agent(HypervisorDriver driver, Consumer<AgentEvent> events, int rememberedCommands) {
        this(driver, events, rememberedCommands, CommandJournal.NONE);
    }

    /** @param journal where finished commands outlive this agent (a remote agent's data dir) */
    public Agent(HypervisorDriver driver, Consumer<AgentEvent> events, int rememberedCommands,
                 CommandJournal journal) {
        this.driver = requireNonNull(driver, "driver is null");
        this.journal = requireNonNull(journal, "journal is null");
        requireNonNull(events, "events is null");
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<CommandOutcome>> eldest) {
                return size() > rememberedCommands && eldest.getValue().isDone();
            }
        };
        for (CommandOutcome earlier : journal.recent()) {
            seen.put(earlier.commandId(), CompletableFuture.completedFuture(earlier));
        }
        driver.addListener((status, cause) -> events.accept(new AgentEvent.DomainChanged(status, cause)));
    }

    /** Runs the command, or joins/answers the earlier run of the same command id. */
    @Override
    public CommandOutcome execute(AgentCommand command, ProgressSink progress) {
        CompletableFuture<CommandOutcome> mine = new CompletableFuture<>();
        CompletableFuture<CommandOutcome> earlier;
        synchronized (seen) {
            earlier = seen.putIfAbsent(command.commandId(), mine);
        }
        if (earlier != null) {
            return earlier.join();
        }
        CommandOutcome outcome = run(command, progress);
        if (closed) {
            // Cut short by close(), as a killed process would be: its answer never reaches the manager, which
            // sends the same id again to the next agent on this host; journaling this failure would make that
            // agent answer the resend with it instead of doing the work.
            synchronized (seen) {
                seen.remove(command.commandId(), mine);
            }
            mine.complete(outcome);
            return outcome;
        }
        journal.finished(outcome);
        mine.complete(outcome);
        return outcome;
    }

    /** The domain as the hypervisor sees it now: the truth a failed step is reconciled with. */
    @Override
    public Optional<DomainStatus> domain(String vmId) {
        return driver.domain(vmId);
    }

    /** Every domain the hypervisor knows now. */
    public List<DomainStatus> domains() {
        return driver.listDomains();
    }

    // Read-only queries: they change nothing, so they need no command id and are simply asked again.

    /** Where the domain's graphical console listens while it runs or is paused; empty otherwise. */
    @Override
    public Optional<VncEndpoint> vnc(String vmId) {
        return driver.vnc(vmId);
    }

    /** The last {@code maxBytes} of the domain's serial console since its last start. */
    @Override
    public String consoleOutput(String vmId, int maxBytes) {
        return driver.consoleOutput(vmId, maxBytes);
    }

    /** What the guest agent says now, asked with a bounded wait; {@link GuestInfo#NONE} when nobody answers. */
    @Override
    public GuestInfo guestInfo(String vmId) {
        return driver.guestInfo(vmId);
    }

    /**
     * The QoS the hypervisor enforces on the domain now, read back from it.
     *
     * @throws DriverException NOT_FOUND for an unknown domain, or whatever the hypervisor reports
     */
    @Override
    public Tuning tuning(String vmId) {
        return driver.tuning(vmId);
    }

    /**
     * The domain's snapshots as the hypervisor keeps them: what a finished snapshot step recorded (its power state).
     *
     * @throws DriverException NOT_FOUND for an unknown domain, or whatever the hypervisor reports
     */
    @Override
    public List<SnapshotInfo> snapshots(String vmId) {
        return driver.snapshots(vmId);
    }

    /**
     * The heartbeat's question: returns when the hypervisor answers now, throws when it cannot (e.g. libvirtd is
     * down), so a host whose hypervisor is gone stops being heard even though this agent still runs.
     */
    @Override
    public void ping() {
        driver.ping();
    }

    @Override
    public HostReport report() {
        return new HostReport(driver.inventory(), driver.listDomains());
    }

    private CommandOutcome run(AgentCommand command, ProgressSink progress) {
        try {
            switch (command) {
                case DefineVm c -> driver.define(c.spec(), progress);
                case StartVm c -> driver.start(c.vmId(), progress);
                case ShutdownVm c -> driver.shutdown(c.vmId(), c.timeoutMillis(), progress);
                case StopVm c -> driver.destroy(c.vmId(), progress);
                case RebootVm c -> driver.reboot(c.vmId(), progress);
                case SuspendVm c -> driver.suspend(c.vmId(), progress);
                case ResumeVm c -> driver.resume(c.vmId(), progress);
                case HibernateVm c -> driver.hibernate(c.vmId(), progress);
                case UndefineVm c -> driver.undefine(c.vmId(), progress);
                case GrowDisk c -> driver.growDisk(c.vmId(), c.diskId(), c.newSizeMb(), progress);
                case TuneVm c -> driver.tune(c.vmId(), c.tuning(), progress);
                case SnapshotVm c -> driver.snapshot(c.vmId(), c.snapshotId(), progress);
                case RevertVm c -> driver.revertToSnapshot(c.vmId(), c.snapshotId(), progress);
                case DeleteSnapshot c -> driver.deleteSnapshot(c.vmId(), c.snapshotId(), progress);
            }
            Optional<DomainStatus> after = driver.domain(command.vmId());
            return new CommandOutcome.Succeeded(command.commandId(), after);
        } catch (DriverException e) {
            return new CommandOutcome.Failed(command.commandId(), e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            // A driver bug must not kill the agent; the manager sees a failed task with the cause.
            return new CommandOutcome.Failed(command.commandId(), DriverException.Reason.FAILED, String.valueOf(e));
        }
    }

    @Override
    public void close() {
        closed = true;
        driver.close();
    }
}
