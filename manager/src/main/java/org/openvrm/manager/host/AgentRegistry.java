package org.openvrm.manager.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.openvrm.agent.Agent;
import org.openvrm.agent.GuestWatcher;
import org.openvrm.api.SimHostSpec;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.driver.libvirt.LibvirtConfig;
import org.openvrm.driver.libvirt.LibvirtDriver;
import org.openvrm.driver.sim.SimFaults;
import org.openvrm.driver.sim.SimHostConfig;
import org.openvrm.driver.sim.SimulatedDriver;
import org.openvrm.protocol.AgentEvent;
import org.openvrm.protocol.AgentLink;

/**
 * The agents the manager talks to, one link per connected host. Simulated and local libvirt hosts have their agent
 * in this JVM, started by {@link #connect}; a remote host's agent runs in its own process, dials the manager and
 * is {@link #attach attached} here while its session lasts. Callers see only {@link AgentLink}.
 *
 * <p>Every link heartbeats: each interval the host is pinged (an in-process agent pings its hypervisor, a remote one
 * answers over its session after pinging its own) and, only when that answers, the host is heard ({@code heard}).
 * A host whose hypervisor is down (libvirtd stopped, the simulated host's unavailable knob) or whose session hangs
 * therefore goes silent although the link is there. Every event an agent sends counts as hearing from it too.
 */
public final class AgentRegistry implements AutoCloseable {

    private final Path simStateRoot;
    private final LibvirtConfig libvirt;
    private final BiConsumer<String, AgentEvent> events;
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final Map<String, HypervisorDriver> drivers = new ConcurrentHashMap<>();
    private final Map<String, AgentLink> remote = new ConcurrentHashMap<>();
    private final Duration guestPoll;
    private final Map<String, GuestWatcher> watchers = new ConcurrentHashMap<>();
    private final Consumer<String> heard;
    /** Hosts whose ping has not answered yet: never a second one meanwhile (one waiting thread per hung host). */
    private final Set<String> pinging = ConcurrentHashMap.newKeySet();
    /** Fires every host's guest polls; one thread, since the polls themselves run on virtual threads. */
    private final ScheduledExecutorService guestTicks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "guest-poll-ticks");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param simStateRoot where simulated hosts keep their domains, one directory per host, so they outlive the
     *     manager's process like real hosts do
     * @param libvirt how the agent of a libvirt host reaches this machine's libvirtd
     * @param events receives (hostId, event) for every agent
     * @param guestPoll how often each agent asks the guest agents of its running domains what they say
     * @param heartbeat how often each agent pings its hypervisor
     * @param heard told the host id whenever a host's agent is heard from (a heartbeat answered, an event)
     */
    public AgentRegistry(Path simStateRoot, LibvirtConfig libvirt, BiConsumer<String, AgentEvent> events,
                         Duration guestPoll, Duration heartbeat, Consumer<String> heard) {
        this.simStateRoot = simStateRoot;
        this.libvirt = libvirt;
        this.heard = heard;
        this.events = (hostId, e) -> {
            heard.accept(hostId);
            events.accept(hostId, e);
        };
        this.guestPoll = guestPoll;
        // the ticks share the guest-poll thread: both only hand work to virtual threads
        guestTicks.scheduleWithFixedDelay(this::heartbeats, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void heartbeats() {
        Map<String, AgentLink> links = new HashMap<>(agents);
        links.putAll(remote);
        links.forEach((hostId, agent) -> {
            if (pinging.add(hostId)) {
                Thread.ofVirtual().name("heartbeat-" + hostId).start(() -> {
                    try {
                        agent.ping();
                        heard.accept(hostId);
                    } catch (RuntimeException e) {
                        // no answer, no heartbeat: the host monitor notices the silence
                    } finally {
                        pinging.remove(hostId);
                    }
                });
            }
        });
    }

    /**
     * Starts (or returns) the agent of a host, with the host's driver; for a remote host, the link of its session.
     *
     * @throws IllegalStateException for a remote host whose agent has not dialled in
     */
    public AgentLink connect(HostRecord host) {
        if (HostRecord.REMOTE.equals(host.driver())) {
            return agent(host.id()).orElseThrow(() -> new IllegalStateException("the agent of host " + host.name()
                    + " is not connected"));
        }
        return agents.computeIfAbsent(host.id(), id -> {
            HypervisorDriver driver = driver(host);
            drivers.put(id, driver);
            Agent agent = new Agent(driver, e -> events.accept(id, e), 10_000);
            watchers.put(id, new GuestWatcher(agent, e -> events.accept(id, e), guestTicks, guestPoll));
            return agent;
        });
    }

    private HypervisorDriver driver(HostRecord host) {
        return switch (host.driver()) {
            case HostRecord.SIM -> {
                SimHostSpec spec = host.simSpec();
                yield new SimulatedDriver(new SimHostConfig(host.name(), SimHostConfig.DEFAULT_CPU_MODEL,
                        spec.sockets(), spec.coresPerSocket(), spec.threadsPerCore(), spec.mhz(), spec.memoryMb(), 1,
                        Duration.ofMillis(spec.stepDelayMillis()), Map.of(),
                        Optional.of(simStateRoot.resolve(host.id()))));
            }
            case HostRecord.LIBVIRT -> new LibvirtDriver(libvirt);
            default -> throw new IllegalStateException("host " + host.name() + " has unknown driver " + host.driver());
        };
    }

    /**
     * The fault knobs of a simulated host's hypervisor (empty for any other host, or one not connected): for fault
     * drills and tests, e.g. {@code setUnavailable(true)} cuts the host off as a dead libvirtd would. They act on
     * the simulated hypervisor only, never on the manager's records.
     */
    public Optional<SimFaults> simFaults(String hostId) {
        return Optional.ofNullable(drivers.get(hostId)).filter(SimulatedDriver.class::isInstance)
                .map(d -> ((SimulatedDriver) d).faults());
    }

    public Optional<AgentLink> agent(String hostId) {
        AgentLink link = remote.get(hostId);
        return link != null ? Optional.of(link) : Optional.ofNullable(agents.get(hostId));
    }

    /** A remote agent's session began; it replaces an older session of the same host. */
    public void attach(String hostId, AgentLink link) {
        remote.put(hostId, link);
    }

    /** A remote agent's session ended; a newer session of the same host stays. */
    public boolean detach(String hostId, AgentLink link) {
        return remote.remove(hostId, link);
    }

    public void disconnect(String hostId) {
        GuestWatcher w = watchers.remove(hostId);
        if (w != null) {
            w.close();
        }
        drivers.remove(hostId);
        if (remote.remove(hostId) instanceof AutoCloseable link) {
            try {
                link.close(); // tells the agent its host is gone
            } catch (Exception e) {
                // the session is gone already
            }
        }
        Agent a = agents.remove(hostId);
        if (a != null) {
            a.close();
        }
    }

    @Override
    public void close() {
        agents.keySet().forEach(this::disconnect);
        guestTicks.shutdownNow();
    }
}
