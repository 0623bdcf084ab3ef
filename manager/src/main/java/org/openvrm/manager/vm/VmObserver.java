package org.openvrm.manager.vm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.openvrm.protocol.AgentLink;
import org.openvrm.core.vm.VmState;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.StateChangeCause;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.event.EventLog.Severity;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.task.TaskFailure;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.AgentEvent;
import org.openvrm.protocol.CommandOutcome;
import org.openvrm.protocol.HostReport;

/**
 * Keeps recorded VM states (and the QoS hosts enforce) true to what hosts report: changes nobody asked for (a guest powering itself off, a
 * crashed emulator), and the full report a host sends when it (re)connects. A VM with a task under way is left to
 * its task; a domain the manager does not know is reported, never destroyed.
 */
public final class VmObserver {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VmObserver.class);

    private final Database db;
    private final VmRepository repo;
    private final VmStates states;
    private final DomainSpecs specs;
    private final EventLog events;
    private final TuningSync tunings;

    public VmObserver(Database db, VmRepository repo, VmStates states, DomainSpecs specs, EventLog events) {
        this.db = db;
        this.repo = repo;
        this.states = states;
        this.specs = specs;
        this.events = events;
        this.tunings = new TuningSync(specs);
    }

    public void onEvent(String hostId, AgentEvent event) {
        switch (event) {
            case AgentEvent.DomainChanged c -> {
                if (c.cause() != StateChangeCause.REQUESTED) {
                    observed(hostId, c.status(), c.cause());
                }
            }
            case AgentEvent.GuestChanged g -> { } // guest facts are kept in memory by GuestFacts, never stored
        }
    }

    private void observed(String hostId, DomainStatus status, StateChangeCause cause) {
        var vm = states.find(status.vmId());
        if (vm.isEmpty()) {
            events.record(Severity.WARNING, "vm.unmanaged", "host", hostId, "host reports domain " + status.vmId()
                    + " that the manager does not manage; it is left alone", null);
            return;
        }
        VmRecord r = vm.get();
        VmState truth = VmStates.of(status);
        if (r.state().transitional() || r.state() == truth) {
            return;
        }
        if (states.move(r, r.state(), truth)) {
            boolean crash = cause == StateChangeCause.CRASHED || truth == VmState.CRASHED;
            events.record(crash ? Severity.ERROR : Severity.WARNING, crash ? "vm.crashed" : "vm.state.changed",
                    "vm", r.id(), "VM " + r.name() + " is now " + truth + " (" + cause.name().toLowerCase()
                            + "), was " + r.state(), null);
        }
    }

    /**
     * The host failed: its VMs' state is no longer known. Each VM not under a task (its task settles it) becomes
     * UNKNOWN through {@link VmStates#move}, nothing is stopped or deleted, and the state it had is kept on the VM
     * (lastKnownState, written by the move) and in the event (vm.unknown) that says so. The reconnect's {@link #reconcile} gives each the state its host reports then.
     * Returns how many were marked.
     */
    public int markUnknown(String hostId) {
        int marked = 0;
        for (VmRecord vm : db.read(h -> repo.onHost(h, hostId))) {
            if (vm.state().transitional() || vm.state() == VmState.UNKNOWN) {
                continue;
            }
            var event = new EventLog.Entry(Severity.WARNING, "vm.unknown", "vm", vm.id(), "VM " + vm.name()
                    + " was " + vm.state() + "; its host failed, so its state is unknown until the host is back",
                    null);
            if (states.move(vm, vm.state(), VmState.UNKNOWN, event, h -> { })) {
                marked++;
            }
        }
        return marked;
    }

    /**
     * Converges the VMs recorded on a host with the host's full report. A VM the host no longer knows is defined
     * again, stopped (the store holds what should exist); it is never dropped. A VM it knows gets the QoS its spec
     * says when the host enforces another (a change made while the host was away).
     */
    public void reconcile(String hostId, HostReport report, AgentLink agent) {
        Map<String, DomainStatus> domains = new HashMap<>();
        report.domains().forEach(d -> domains.put(d.vmId(), d));
        var known = new HashSet<String>();
        for (VmRecord vm : db.read(h -> repo.onHost(h, hostId))) {
            known.add(vm.id());
            if (vm.state().transitional()) {
                continue; // its task resumes and settles it
            }
            DomainStatus d = domains.get(vm.id());
            if (d == null) {
                try {
                    redefine(vm, agent);
                } catch (RuntimeException e) {
                    // e.g. TaskFailure HOST_HARDWARE_UNKNOWN from DomainSpecs (a CPU limit without the host's clock):
                    // one VM that cannot be defined yet must not stop the host's other VMs from being reconciled
                    String why = e instanceof TaskFailure f ? f.code() + ": " + f.getMessage() : String.valueOf(e);
                    LOG.warn("reconcile of VM {} on host {}: {}", vm.id(), hostId, why);
                    events.record(Severity.ERROR, "vm.reconcile.failed", "vm", vm.id(), "the host of VM " + vm.name()
                            + " did not know it and it could not be defined again: " + why
                            + "; it is recorded as it was and is tried again when the host reconnects", null);
                }
            } else {
                if (VmStates.of(d) != vm.state() && states.move(vm, vm.state(), VmStates.of(d))) {
                    events.record(Severity.WARNING, "vm.state.reconciled", "vm", vm.id(), "VM " + vm.name()
                            + " was recorded " + vm.state() + " but its host reports " + VmStates.of(d), null);
                }
                if (VmStates.of(d) != VmState.HIBERNATED) { // a saved guest resumes with its saved tuning
                    tunings.sync(vm, agent, "reconcile-tune/" + vm.id()).ifPresent(problem -> events.record(
                            Severity.WARNING, "vm.qos.reconcile.failed", "vm", vm.id(), "the host of VM " + vm.name()
                                    + " enforces other QoS than configured, and tuning it failed: " + problem, null));
                }
            }
        }
        for (DomainStatus d : report.domains()) {
            if (!known.contains(d.vmId())) {
                events.record(Severity.WARNING, "vm.unmanaged", "host", hostId, "host reports domain " + d.vmId()
                        + " that the manager does not manage; it is left alone", null);
            }
        }
    }

    private void redefine(VmRecord vm, AgentLink agent) {
        var outcome = agent.execute(new AgentCommand.DefineVm("reconcile/" + vm.id() + "/" + vm.generation(),
                specs.of(vm)), p -> { });
        VmState now = outcome instanceof CommandOutcome.Succeeded ? VmState.STOPPED : VmState.UNKNOWN;
        states.move(vm, vm.state(), now);
        events.record(Severity.WARNING, "vm.redefined", "vm", vm.id(), "the host of VM " + vm.name()
                + " did not know it (recorded " + vm.state() + "); " + (now == VmState.STOPPED
                ? "defined it again, stopped" : "defining it again failed: " + outcome), null);
    }
}
