package org.openvrm.manager.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.openvrm.protocol.AgentLink;
import org.openvrm.api.HostHardware;
import org.openvrm.api.Task;
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
        void reconcile(String hostId, HostReport report, AgentLink agent);
    }

    private final HostService hosts;
    private final AgentRegistry agents;
    private final Reconciler reconciler;
    private final EventLog events;
    private final Path simStateRoot;
    private final StopSignal stop;

    public HostTasks(HostService hosts, AgentRegistry agents, Reconciler reconciler, EventLog events,
                     Path simStateRoot, StopSignal stop) {
        this.stop = stop;
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

    /** Starts the host's agent, records its hardware and reconciles its VMs; the host ends CONNECTED or FAILED. */
    public void connect(HostRecord host, TaskProgress progress) {
        try {
            AgentLink agent = agents.connect(host);
            progress.report(30);
            HostReport report = agent.report();
            hosts.setHardware(host.id(), hardware(report.inventory()));
            progress.report(60);
            reconciler.reconcile(host.id(), report, agent);
            hosts.setState(host.id(), HostState.CONNECTED, null);
            events.record(Severity.INFO, "host.connected", "host", host.id(), "host " + host.name() + " connected, "
                    + report.domains().size() + " domains", null);
        } catch (RuntimeException e) {
            stop.checkpoint();
            hosts.setState(host.id(), HostState.FAILED, "agent failed: " + e.getMessage());
            events.record(Severity.ERROR, "host.failed", "host", host.id(), "host " + host.name()
                    + " could not be connected: " + e.getMessage(), null);
            throw new TaskFailure("HOST_CONNECT_FAILED", "host " + host.name() + " could not be connected: "
                    + e.getMessage());
        }
    }

    public Map<String, Object> remove(Task task, TaskProgress progress) {
        var host = hosts.find(task.targetId());
        if (host.isEmpty()) {
            return Map.of();
        }
        agents.disconnect(host.get().id());
        deleteSimState(host.get().id());
        hosts.delete(host.get().id());
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
