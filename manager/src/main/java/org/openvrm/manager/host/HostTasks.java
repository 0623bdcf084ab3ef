package org.openvrm.manager.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.openvrm.agent.Agent;
import org.openvrm.api.HostHardware;
import org.openvrm.api.Task;
import org.openvrm.manager.alarm.AlarmCode;
import org.openvrm.manager.alarm.AlarmService;
import org.openvrm.driver.HostInventory;
import org.openvrm.manager.event.EventLog;
import org.openvrm.manager.event.EventLog.Severity;
import org.openvrm.manager.task.TaskFailure;
import org.openvrm.manager.task.TaskProgress;
import org.openvrm.manager.task.StopSignal;
import org.openvrm.protocol.HostReport;

/** Connecting and removing hosts. */
public final class HostTasks {

    /** Reconciles a host's VMs with its report; implemented by the VM feature. */
    @FunctionalInterface
    public interface Reconciler {
        void reconcile(String hostId, HostReport report, Agent agent);
    }

    private final HostService hosts;
    private final AgentRegistry agents;
    private final Reconciler reconciler;
    private final EventLog events;
    private final Path simStateRoot;
    private final StopSignal stop;
    private final AlarmService alarms;
    private final ToIntFunction<String> markVmsUnknown;
    private final Consumer<String> removed;

    /**
     * @param markVmsUnknown marks a failed host's VMs UNKNOWN (the VM feature), returns how many
     * @param removed told the id of each host removed (the liveness monitor forgets it)
     */
    public HostTasks(HostService hosts, AgentRegistry agents, Reconciler reconciler, EventLog events,
                     Path simStateRoot, StopSignal stop, AlarmService alarms, ToIntFunction<String> markVmsUnknown,
                     Consumer<String> removed) {
        this.stop = stop;
        this.alarms = alarms;
        this.markVmsUnknown = markVmsUnknown;
        this.removed = removed;
        this.hosts = hosts;
        this.agents = agents;
        this.reconciler = reconciler;
        this.events = events;
        this.simStateRoot = simStateRoot;
    }

    public Map<String, Object> add(Task task, TaskProgress progress) {
        HostRecord host = hosts.require("id", task.targetId());
        connect(host, progress);
        return Map.of("hostId", host.id());
    }

    /**
     * Starts the host's agent, records its hardware and reconciles its VMs; the host ends CONNECTED (its liveness
     * alarms cleared) or FAILED (alarm HOST_FAILED, its VMs UNKNOWN).
     */
    public void connect(HostRecord host, TaskProgress progress) {
        try {
            progress.report(30);
            int domains = resync(host);
            hosts.setState(host.id(), HostState.CONNECTED, null, h -> {
                alarms.clear(h, AlarmCode.HOST_DISCONNECTED, "host", host.id());
                alarms.clear(h, AlarmCode.HOST_FAILED, "host", host.id());
            });
            events.record(Severity.INFO, "host.connected", "host", host.id(), "host " + host.name() + " connected, "
                    + domains + " domains", null);
        } catch (RuntimeException e) {
            stop.checkpoint();
            String message = "host " + host.name() + " could not be connected: " + e.getMessage();
            hosts.setState(host.id(), HostState.FAILED, "agent failed: " + e.getMessage(), h -> {
                alarms.clear(h, AlarmCode.HOST_DISCONNECTED, "host", host.id());
                alarms.raise(h, AlarmCode.HOST_FAILED, "host", host.id(), host.name(), message);
            });
            events.record(Severity.ERROR, "host.failed", "host", host.id(), message, null);
            markVmsUnknown.applyAsInt(host.id());
            throw new TaskFailure("HOST_CONNECT_FAILED", message);
        }
    }

    /**
     * Starts (or reuses) the host's agent, takes its full report, records its hardware and reconciles its VMs with
     * it; the host's state is the caller's to set. Returns how many domains the host reported.
     */
    public int resync(HostRecord host) {
        Agent agent = agents.connect(host);
        HostReport report = agent.report();
        hosts.setHardware(host.id(), hardware(report.inventory()));
        reconciler.reconcile(host.id(), report, agent);
        return report.domains().size();
    }

    public Map<String, Object> remove(Task task, TaskProgress progress) {
        var host = hosts.find(task.targetId());
        if (host.isEmpty()) {
            return Map.of();
        }
        agents.disconnect(host.get().id());
        deleteSimState(host.get().id());
        hosts.delete(host.get().id());
        removed.accept(host.get().id());
        events.record(Severity.INFO, "host.removed", "host", host.get().id(), "host " + host.get().name()
                + " removed", task.id());
        return Map.of();
    }

    private void deleteSimState(String hostId) {
        Path dir = simStateRoot.resolve(hostId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new TaskFailure("HOST_CLEANUP_FAILED", "could not delete " + dir + ": " + e.getMessage());
        }
    }

    static HostHardware hardware(HostInventory i) {
        return new HostHardware(i.hostname(), i.cpuModel(), i.sockets(), i.coresPerSocket(), i.threadsPerCore(),
                i.logicalCpus(), i.mhz(), i.memoryMb(), i.numaNodes(), i.virtualization().name());
    }
}
