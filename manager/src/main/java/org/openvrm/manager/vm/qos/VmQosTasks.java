package org.openvrm.manager.vm.qos;

import java.time.Clock;
import java.util.Map;
import org.openvrm.api.Task;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.event.EventLog.Severity;
import org.openvrm.manager.host.HostAwait;
import org.openvrm.manager.host.HostLedger;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.task.StopSignal;
import org.openvrm.manager.task.TaskFailure;
import org.openvrm.manager.task.TaskProgress;
import org.openvrm.manager.vm.DomainSpecs;
import org.openvrm.manager.vm.VmRecord;
import org.openvrm.manager.vm.VmStates;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.CommandOutcome;

/**
 * Runs a vm.qos.update task: one TuneVm to the VM's host with the whole tuning of the VM as it will be (command id
 * derived from the task id), then the new QoS recorded in the VM's spec in the transaction that ends the task, the
 * generation kept. Resuming after a crash is safe: the same tuning again changes nothing on the host. A failed tune
 * changes nothing in the store, and the ledger goes back to the stored reservations.
 */
public final class VmQosTasks {

    private final Database db;
    private final QosChangeRepository repo;
    private final VmStates states;
    private final DomainSpecs specs;
    private final HostAwait agents;
    private final HostLedger ledger;
    private final EventLog events;
    private final Clock clock;
    private final StopSignal stop;

    public VmQosTasks(Database db, QosChangeRepository repo, VmStates states, DomainSpecs specs, HostAwait agents,
                      HostLedger ledger, EventLog events, Clock clock, StopSignal stop) {
        this.db = db;
        this.repo = repo;
        this.states = states;
        this.specs = specs;
        this.agents = agents;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.stop = stop;
    }

    public Map<String, Object> run(Task task, TaskProgress progress) {
        var req = db.read(h -> repo.find(h, task.id())).orElseThrow(() -> new TaskFailure("TASK_ARGUMENTS_MISSING",
                "the QoS change of task " + task.id() + " was not recorded"));
        VmRecord vm = states.find(req.vmId()).orElseThrow(() -> new TaskFailure("TARGET_GONE", "VM "
                + task.targetName() + " no longer exists"));
        // after a restart the ledger was rebuilt from the store: claim the raise again for the task's run
        ledger.setDemand(vm.hostId(), vm.id(), QosChanges.held(vm.spec().demand(),
                QosChanges.apply(vm.spec(), req.change()).demand()));
        try {
            return tune(task, progress, req, vm);
        } catch (RuntimeException e) {
            // the store still holds the old QoS (unless a stop cut the step short: the task resumes and claims again)
            ledger.setDemand(vm.hostId(), vm.id(), vm.spec().demand());
            throw e;
        }
    }

    private Map<String, Object> tune(Task task, TaskProgress progress, QosChangeRepository.Request req, VmRecord vm) {
        VmRecord next = vm.withSpec(QosChanges.apply(vm.spec(), req.change()));
        var tuning = specs.of(next).tuning();
        progress.report(5);
        // a host that is away is waited for, and the command resent after a lost session (HostAwait)
        var outcome = agents.execute(vm.hostId(), new AgentCommand.TuneVm(task.id() + "/" + task.type(), vm.id(),
                tuning), progress.range(5, 95));
        stop.checkpoint();
        switch (outcome) {
            case CommandOutcome.Succeeded s -> {
                Map<String, Object> result = Map.of("vmId", vm.id(), "hostId", vm.hostId());
                db.txVoid(h -> {
                    if (repo.record(h, vm.id(), req.change(), clock.instant()).isEmpty()) {
                        throw new TaskFailure("TARGET_GONE", "VM " + vm.name() + " was deleted while its QoS "
                                + "changed");
                    }
                    events.record(h, new EventLog.Entry(Severity.INFO, task.type(), "vm", vm.id(), "VM " + vm.name()
                            + ": QoS changed on its host", task.id()));
                    progress.completeIn(h, result);
                });
                ledger.setDemand(vm.hostId(), vm.id(), next.spec().demand());
                return result;
            }
            case CommandOutcome.Failed f -> {
                events.record(Severity.ERROR, task.type(), "vm", vm.id(), "VM " + vm.name() + ": changing its QoS "
                        + "failed on the host; nothing changed: " + f.message(), task.id());
                throw new TaskFailure("HOST_" + f.reason().name(), "the host could not apply the QoS of VM "
                        + vm.name() + ": " + f.message());
            }
        }
    }
}
