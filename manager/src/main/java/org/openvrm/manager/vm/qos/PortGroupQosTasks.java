package org.openvrm.manager.vm.qos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvrm.protocol.AgentLink;
import org.openvrm.api.Task;
import org.openvrm.core.vm.VmState;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.event.EventLog.Severity;
import org.openvrm.manager.host.AgentRegistry;
import org.openvrm.manager.network.PortGroupService;
import org.openvrm.manager.task.StopSignal;
import org.openvrm.manager.task.TaskFailure;
import org.openvrm.manager.task.TaskProgress;
import org.openvrm.manager.vm.DomainSpecs;
import org.openvrm.manager.vm.VmRecord;
import org.openvrm.manager.vm.VmStates;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.CommandOutcome;

/**
 * Runs a portgroup.qos.update task: every VM with a NIC on the port group gets one TuneVm with its whole tuning as
 * {@link DomainSpecs} makes it now (so NICs without an override take the port group's new shaping, overriding ones
 * keep theirs), live or in its definition; command ids derive from the task id and the VM id, and the same tuning
 * again is a no-op on the host, so a resumed task repeats nothing. The VM specs do not change (a NIC without an
 * override follows its port group). A VM that cannot be tuned now (host not connected, hibernated, the host refused)
 * is named in the task's result and an event, and converges later: its next start or its host's reconnection
 * tunes it ({@code TuningSync}: only when the host's tuning differs from its spec's).
 */
public final class PortGroupQosTasks {

    /** The task result column holds 10000 characters: name at most this many VMs not reached. */
    static final int MAX_LISTED = 40;

    private final PortGroupService portGroups;
    private final VmStates states;
    private final DomainSpecs specs;
    private final AgentRegistry agents;
    private final EventLog events;
    private final StopSignal stop;

    public PortGroupQosTasks(PortGroupService portGroups, VmStates states, DomainSpecs specs, AgentRegistry agents,
                             EventLog events, StopSignal stop) {
        this.portGroups = portGroups;
        this.states = states;
        this.specs = specs;
        this.agents = agents;
        this.events = events;
        this.stop = stop;
    }

    public Map<String, Object> run(Task task, TaskProgress progress) {
        List<String> vmIds = portGroups.vmIdsOn(task.targetId());
        int tuned = 0;
        List<Map<String, String>> notReached = new ArrayList<>();
        for (int i = 0; i < vmIds.size(); i++) {
            var vm = states.find(vmIds.get(i));
            if (vm.isEmpty()) {
                continue; // deleted meanwhile: nothing to tune
            }
            String problem = tune(task, vm.get(), progress);
            stop.checkpoint();
            if (problem == null) {
                tuned++;
            } else {
                events.record(Severity.WARNING, task.type(), "vm", vm.get().id(), "VM " + vm.get().name()
                        + " does not have port group " + task.targetName() + "'s new shaping yet: " + problem
                        + "; its next start or its host's reconnection applies it", task.id());
                if (notReached.size() < MAX_LISTED) {
                    var entry = new LinkedHashMap<String, String>();
                    entry.put("vmId", vm.get().id());
                    entry.put("vmName", vm.get().name());
                    entry.put("reason", problem.length() > 150 ? problem.substring(0, 150) + "..." : problem);
                    notReached.add(entry);
                }
            }
            progress.report(5 + 90 * (i + 1) / vmIds.size());
        }
        int missed = vmIds.size() - tuned;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("portGroupId", task.targetId());
        result.put("vms", vmIds.size());
        result.put("tuned", tuned);
        result.put("notReached", notReached);
        events.record(missed == 0 ? Severity.INFO : Severity.WARNING, task.type(), "portgroup", task.targetId(),
                "port group " + task.targetName() + ": new shaping applied to " + tuned + " of " + vmIds.size()
                        + " VMs", task.id());
        return result;
    }

    /** Null when the VM's host applied its tuning, else why not. */
    private String tune(Task task, VmRecord vm, TaskProgress progress) {
        if (vm.state() == VmState.HIBERNATED) {
            return "it is hibernated (it resumes with the shaping it was saved with)";
        }
        AgentLink agent = agents.agent(vm.hostId()).orElse(null);
        if (agent == null) {
            return "its host is not connected";
        }
        try {
            var outcome = agent.execute(new AgentCommand.TuneVm(task.id() + "/" + task.type() + "/" + vm.id(),
                    vm.id(), specs.of(vm).tuning()), p -> { });
            return switch (outcome) {
                case CommandOutcome.Succeeded s -> null;
                case CommandOutcome.Failed f -> "the host refused: HOST_" + f.reason().name() + ": " + f.message();
            };
        } catch (TaskFailure e) {
            return e.code() + ": " + e.getMessage();
        }
    }
}
