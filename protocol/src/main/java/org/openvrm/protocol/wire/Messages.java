package org.openvrm.protocol.wire;

import org.openvrm.driver.DriverException;
import org.openvrm.driver.StateChangeCause;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.AgentEvent;
import org.openvrm.protocol.CommandOutcome;
import org.openvrm.protocol.wire.pb.Command;
import org.openvrm.protocol.wire.pb.DomainChanged;
import org.openvrm.protocol.wire.pb.Empty;
import org.openvrm.protocol.wire.pb.Event;
import org.openvrm.protocol.wire.pb.Failure;
import org.openvrm.protocol.wire.pb.GrowDisk;
import org.openvrm.protocol.wire.pb.GuestChanged;

/**
 * The sealed protocol types to and from their protobuf form: one exhaustive switch per direction and type, so a
 * new {@link AgentCommand} (or event) does not compile until it has its wire case here.
 */
public final class Messages {

    private static final Empty EMPTY = Empty.getDefaultInstance();

    private Messages() {
    }

    public static Command command(AgentCommand c) {
        var b = Command.newBuilder().setCommandId(c.commandId()).setVmId(c.vmId());
        switch (c) {
            case AgentCommand.DefineVm d -> b.setDefineVm(Values.spec(d.spec()));
            case AgentCommand.StartVm s -> b.setStartVm(EMPTY);
            case AgentCommand.ShutdownVm s -> b.setShutdownTimeoutMillis(s.timeoutMillis());
            case AgentCommand.StopVm s -> b.setStopVm(EMPTY);
            case AgentCommand.RebootVm r -> b.setRebootVm(EMPTY);
            case AgentCommand.SuspendVm s -> b.setSuspendVm(EMPTY);
            case AgentCommand.ResumeVm r -> b.setResumeVm(EMPTY);
            case AgentCommand.HibernateVm h -> b.setHibernateVm(EMPTY);
            case AgentCommand.UndefineVm u -> b.setUndefineVm(EMPTY);
            case AgentCommand.GrowDisk g -> b.setGrowDisk(GrowDisk.newBuilder().setDiskId(g.diskId())
                    .setNewSizeMb(g.newSizeMb()));
            case AgentCommand.SnapshotVm s -> b.setSnapshotVm(s.snapshotId());
            case AgentCommand.RevertVm r -> b.setRevertVm(r.snapshotId());
            case AgentCommand.DeleteSnapshot d -> b.setDeleteSnapshot(d.snapshotId());
            case AgentCommand.TuneVm t -> b.setTuneVm(Tunings.tuning(t.tuning()));
        }
        return b.build();
    }

    /** @throws IllegalArgumentException for a message that names no command or breaks a command's rules */
    public static AgentCommand command(Command m) {
        String id = m.getCommandId();
        String vm = m.getVmId();
        return switch (m.getKindCase()) {
            case DEFINE_VM -> new AgentCommand.DefineVm(id, Values.spec(m.getDefineVm()));
            case START_VM -> new AgentCommand.StartVm(id, vm);
            case SHUTDOWN_TIMEOUT_MILLIS -> new AgentCommand.ShutdownVm(id, vm, m.getShutdownTimeoutMillis());
            case STOP_VM -> new AgentCommand.StopVm(id, vm);
            case REBOOT_VM -> new AgentCommand.RebootVm(id, vm);
            case SUSPEND_VM -> new AgentCommand.SuspendVm(id, vm);
            case RESUME_VM -> new AgentCommand.ResumeVm(id, vm);
            case HIBERNATE_VM -> new AgentCommand.HibernateVm(id, vm);
            case UNDEFINE_VM -> new AgentCommand.UndefineVm(id, vm);
            case GROW_DISK -> new AgentCommand.GrowDisk(id, vm, m.getGrowDisk().getDiskId(),
                    m.getGrowDisk().getNewSizeMb());
            case SNAPSHOT_VM -> new AgentCommand.SnapshotVm(id, vm, m.getSnapshotVm());
            case REVERT_VM -> new AgentCommand.RevertVm(id, vm, m.getRevertVm());
            case DELETE_SNAPSHOT -> new AgentCommand.DeleteSnapshot(id, vm, m.getDeleteSnapshot());
            case TUNE_VM -> new AgentCommand.TuneVm(id, vm, Tunings.tuning(m.getTuneVm()));
            case KIND_NOT_SET -> throw new IllegalArgumentException("command " + id + " names no action");
        };
    }

    public static org.openvrm.protocol.wire.pb.CommandOutcome outcome(CommandOutcome o) {
        var b = org.openvrm.protocol.wire.pb.CommandOutcome.newBuilder().setCommandId(o.commandId());
        switch (o) {
            case CommandOutcome.Succeeded s -> b.setSucceeded(Values.domain(s.status()));
            case CommandOutcome.Failed f -> b.setFailed(failure(f.reason(), f.message()));
        }
        return b.build();
    }

    public static CommandOutcome outcome(org.openvrm.protocol.wire.pb.CommandOutcome m) {
        return switch (m.getKindCase()) {
            case SUCCEEDED -> new CommandOutcome.Succeeded(m.getCommandId(), Values.domain(m.getSucceeded()));
            case FAILED -> new CommandOutcome.Failed(m.getCommandId(),
                    Values.name(DriverException.Reason.class, m.getFailed().getReason()), m.getFailed().getMessage());
            case KIND_NOT_SET -> throw new IllegalArgumentException("outcome of " + m.getCommandId() + " is empty");
        };
    }

    public static Failure failure(DriverException.Reason reason, String message) {
        return Failure.newBuilder().setReason(reason.name()).setMessage(message).build();
    }

    public static DriverException failure(Failure f) {
        return new DriverException(Values.name(DriverException.Reason.class, f.getReason()), f.getMessage());
    }

    public static Event event(AgentEvent e) {
        return switch (e) {
            case AgentEvent.DomainChanged d -> Event.newBuilder().setDomainChanged(DomainChanged.newBuilder()
                    .setStatus(Values.status(d.status())).setCause(d.cause().name())).build();
            case AgentEvent.GuestChanged g -> Event.newBuilder().setGuestChanged(GuestChanged.newBuilder()
                    .setVmId(g.vmId()).setInfo(Values.guest(g.info()))).build();
        };
    }

    public static AgentEvent event(Event m) {
        return switch (m.getKindCase()) {
            case DOMAIN_CHANGED -> new AgentEvent.DomainChanged(Values.status(m.getDomainChanged().getStatus()),
                    Values.name(StateChangeCause.class, m.getDomainChanged().getCause()));
            case GUEST_CHANGED -> new AgentEvent.GuestChanged(m.getGuestChanged().getVmId(),
                    Values.guest(m.getGuestChanged().getInfo()));
            case KIND_NOT_SET -> throw new IllegalArgumentException("event names nothing");
        };
    }
}
