package org.openvrm.manager.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.openvrm.protocol.AgentLink;
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
        void reconcile(String hostId, HostReport report, AgentLink agent);
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
    private final Consumer<String> revoke;
    /** Connecting, a remote session's start and its end are serialized per host, so the last word is the truth. */
    private final Map<String, Object> hostLocks = new ConcurrentHashMap<>();

    /**
     * @param markVmsUnknown marks a failed host's VMs UNKNOWN (the VM feature), returns how many
     * @param removed told the id of each host removed (the liveness monitor forgets it)
     * @param revoke revokes a removed host's agent certificates (remote agents)
     */
    public HostTasks(HostService hosts, AgentRegistry agents, Reconciler reconciler, EventLog events,
                     Path simStateRoot, StopSignal stop, AlarmService alarms, ToIntFunction<String> markVmsUnknown,
                     Consumer<String> removed, Consumer<String> revoke) {
        this.stop = stop;
        this.alarms = alarms;
        this.markVmsUnknown = markVmsUnknown;
        this.removed = removed;
        this.revoke = revoke;
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
     * alarms cleared) or FAILED (alarm HOST_FAILED, its VMs UNKNOWN). A remote host whose agent has not dialled in
     * (yet, or since a manager restart) is DISCONNECTED until it does.
     */
    public void connect(HostRecord host, TaskProgress progress) {
        synchronized (lock(host.id())) {
            if (HostRecord.REMOTE.equals(host.driver()) && agents.agent(host.id()).isEmpty()) {
                // just registered: still CONNECTING until its first session; known before: DISCONNECTED
                boolean fresh = hosts.find(host.id()).map(HostRecord::state).orElse(null) == HostState.CONNECTING;
                hosts.setState(host.id(), fresh ? HostState.CONNECTING : HostState.DISCONNECTED,
                        "waiting for the agent to connect");
                return;
            }
            connectNow(host, progress);
        }
    }

    /** A remote agent's session began: its link serves the host from now on, reconciled through the usual path. */
    public void remoteOpened(String hostId, AgentLink link) {
        synchronized (lock(hostId)) {
            var host = hosts.find(hostId);
            if (host.isEmpty() || host.get().state() == HostState.REMOVING) {
                return;
            }
            agents.attach(hostId, link);
            connectNow(host.get(), NO_PROGRESS);
        }
    }

    /** A remote agent's session ended: DISCONNECTED at once (its VMs may well still run). */
    public void remoteClosed(String hostId, AgentLink link, String reason) {
        synchronized (lock(hostId)) {
            // a stopping manager closes every session itself; it records nothing (the next start reconnects)
            boolean stillHere = hosts.find(hostId).filter(h -> h.state() != HostState.REMOVING).isPresent();
            if (agents.detach(hostId, link) && !stop.stopping() && stillHere) {
                HostRecord host = hosts.require("id", hostId);
                String message = "host " + host.name() + " disconnected: agent session closed: " + reason;
                // the liveness monitor takes it from here (FAILED after its timeout, CONNECTED when heard again)
                hosts.setState(hostId, HostState.DISCONNECTED, "agent session closed: " + reason,
                        h -> alarms.raise(h, AlarmCode.HOST_DISCONNECTED, "host", hostId, host.name(), message));
                events.record(Severity.WARNING, "host.disconnected", "host", hostId, message, null);
            }
        }
    }

    private Object lock(String hostId) {
        return hostLocks.computeIfAbsent(hostId, k -> new Object());
    }

    private void connectNow(HostRecord host, TaskProgress progress) {
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
        AgentLink agent = agents.connect(host);
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
        revoke.accept(host.get().id()); // before the session closes, so the agent cannot come straight back
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

    private static final TaskProgress NO_PROGRESS = new TaskProgress() {
        @Override
        public void report(int percent) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public void completeIn(org.jdbi.v3.core.Handle h, Map<String, Object> result) {
        }
    };

    static HostHardware hardware(HostInventory i) {
        return new HostHardware(i.hostname(), i.cpuModel(), i.sockets(), i.coresPerSocket(), i.threadsPerCore(),
                i.logicalCpus(), i.mhz(), i.memoryMb(), i.numaNodes(), i.virtualization().name());
    }
}
