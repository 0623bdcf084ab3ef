package org.openvrm.manager.vm.disk;

import java.time.Clock;
import java.util.Map;
import org.openvrm.api.Task;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.event.EventLog.Severity;
import org.openvrm.manager.host.HostAwait;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.task.StopSignal;
import org.openvrm.manager.task.TaskFailure;
import org.openvrm.manager.task.TaskProgress;
import org.openvrm.manager.vm.VmRecord;
import org.openvrm.manager.vm.VmStates;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.CommandOutcome;

/**
 * Runs a disk-grow task: one command to the VM's host (its id derived from the task id, so the agent applies it at
 * most once), then the new size recorded on the VM in the transaction that ends the task. Resuming after a crash is
 * safe: growing a disk to the size it already has does nothing on the host.
 */
public final class DiskGrowTasks {

    private final Database db;
    private final DiskGrowRepository repo;
    private final VmStates states;
    private final HostAwait agents;
    private final EventLog events;
    private final Clock clock;
    private final StopSignal stop;

    public DiskGrowTasks(Database db, DiskGrowRepository repo, VmStates states, HostAwait agents,
                         EventLog events, Clock clock, StopSignal stop) {
        this.db = db;
        this.repo = repo;
        this.states = states;
        this.agents = agents;
        this.events = events;
        this.clock = clock;
        this.stop = stop;
    }

    public Map<String, Object> run(Task task, TaskProgress progress) {
        var req = db.read(h -> repo.find(h, task.id())).orElseThrow(() -> new TaskFailure("TASK_ARGUMENTS_MISSING",
                "the disk and size of task " + task.id() + " were not recorded"));
        VmRecord vm = states.find(req.vmId()).orElseThrow(() -> new TaskFailure("TARGET_GONE", "VM "
                + task.targetName() + " no longer exists"));
        progress.report(5);
        // a host that is away is waited for, and the command resent after a lost session (HostAwait)
        var outcome = agents.execute(vm.hostId(), new AgentCommand.GrowDisk(task.id() + "/" + task.type(), vm.id(), req.diskId(),
                req.sizeMb()), progress.range(5, 95));
        stop.checkpoint();
        switch (outcome) {
            case CommandOutcome.Succeeded s -> {
                Map<String, Object> result = Map.of("vmId", vm.id(), "diskId", req.diskId(), "sizeMb", req.sizeMb());
                db.txVoid(h -> {
                    if (!repo.recordSize(h, vm.id(), req.diskId(), req.sizeMb(), clock.instant())) {
                        throw new TaskFailure("TARGET_GONE", "VM " + vm.name() + " or its disk " + req.diskId()
                                + " was removed while the disk grew");
                    }
                    events.record(h, new EventLog.Entry(Severity.INFO, task.type(), "vm", vm.id(), "VM " + vm.name()
                            + ": disk " + req.diskId() + " grown to " + req.sizeMb() + " MB", task.id()));
                    progress.completeIn(h, result);
                });
                return result;
            }
            case CommandOutcome.Failed f -> {
                events.record(Severity.ERROR, task.type(), "vm", vm.id(), "VM " + vm.name() + ": growing disk "
                        + req.diskId() + " to " + req.sizeMb() + " MB failed: " + f.message(), task.id());
                throw new TaskFailure("HOST_" + f.reason().name(), "growing disk " + req.diskId()
                        + " failed on the host: " + f.message());
            }
        }
    }
}
