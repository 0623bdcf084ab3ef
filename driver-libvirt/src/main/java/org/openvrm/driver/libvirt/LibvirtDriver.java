package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openvrm.driver.DomainEventListener;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.HostInventory;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.Tuning;
import org.openvrm.driver.VncEndpoint;
import org.openvrm.driver.libvirt.CallRules.Op;
import org.openvrm.driver.libvirt.Domains.Found;

/**
 * The real driver: libvirt + QEMU. Domains are named {@code prefix + vmId} and carry their vmId, spec generation,
 * spec fingerprint and owned volumes in their metadata. Calls on one domain run one at a time (striped locks);
 * power operations are {@link PowerOps}. See the module README for the whole picture.
 */
public final class LibvirtDriver implements HypervisorDriver {

    private static final System.Logger LOG = System.getLogger(LibvirtDriver.class.getName());

    private final LibvirtConfig config;
    private final Domains domains;
    private final Requests requests = new Requests(Duration.ofSeconds(30), System::nanoTime);
    private final EventDispatcher events;
    private final Connection connection;
    private final Definitions definitions;
    private final PowerOps power;
    private final Snapshots snapshots;
    private final DomainActions actions;
    private final Hibernation hibernation;
    private final DiskGrowth disks;
    private final GuestViews guests;
    private final Tunings tunings;
    private final Object hostLock = new Object();
    private HostInventory inventory; // guarded by hostLock; the hardware does not change under a running driver
    private HostFacts facts; // guarded by hostLock

    public LibvirtDriver(LibvirtConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.domains = new Domains(config.namePrefix());
        this.events = new EventDispatcher(requests, name -> domains.identity(connection(), name),
                this::releaseShaping);
        this.connection = new Connection(config.uri(), events::submit, this::rediscover);
        QemuImg qemuImg = new QemuImg(config.qemuImg(), Duration.ofMinutes(30));
        this.power = new PowerOps(connection, domains, requests, config.shutdownResend());
        this.snapshots = new Snapshots(connection, domains, requests);
        this.actions = new DomainActions(connection, domains);
        this.definitions = new Definitions(config, connection, domains, requests, actions, new Volumes(qemuImg),
                power, this::hostFacts);
        this.hibernation = new Hibernation(connection, domains, requests, events);
        this.disks = new DiskGrowth(connection, domains, qemuImg, actions);
        this.guests = new GuestViews(connection, domains, actions, config.isLocal());
        this.tunings = new Tunings(connection, domains, actions, new NicShaping(connection));
    }

    public LibvirtConfig config() {
        return config;
    }

    /** The libvirt domain name of a vmId. */
    public String domainName(String vmId) {
        return domains.nameOf(vmId);
    }

    @Override
    public HostInventory inventory() {
        synchronized (hostLock) {
            if (inventory == null) {
                HostFacts host = hostFacts();
                inventory = connection.call("read the host's inventory", c ->
                        InventoryReader.read(c, c.getCapabilities(), config.isLocal(), host.virtualization()));
            }
            return inventory;
        }
    }

    /** KVM or TCG (decided once per driver, see {@link VirtualizationRule}), the emulator and the machine type. */
    public HostFacts hostFacts() {
        synchronized (hostLock) {
            if (facts == null) {
                String caps = connection.call("read libvirt's capabilities", c -> c.getCapabilities());
                VirtualizationRule.Evidence evidence = config.virtualization() == VirtualizationRule.Mode.AUTO
                        && config.isLocal() ? VirtualizationProbe.local(config.emulator()).gather(caps)
                        : new VirtualizationRule.Evidence(false, false, false, Optional.empty());
                VirtualizationRule.Decision decision = VirtualizationRule.decide(config.virtualization(), evidence);
                LOG.log(System.Logger.Level.INFO, "virtualization " + decision.type() + ": " + decision.why());
                facts = new HostFacts(decision.type(), config.emulator(), config.machine());
            }
            return facts;
        }
    }

    @Override
    public void ping() {
        // a round trip to libvirtd (isAlive would only read the client's keepalive state)
        connection.call("ping libvirtd", c -> c.getLibVersion());
    }

    @Override
    public List<DomainStatus> listDomains() {
        return connection.call("list domains", c -> domains.scan(c).stream().map(Found::status).toList());
    }

    @Override
    public Optional<DomainStatus> domain(String vmId) {
        requireNonNull(vmId, "vmId is null");
        return connection.call("look up " + vmId, c -> domains.find(c, vmId).map(Found::status));
    }

    /**
     * Creates the volumes, then the definition. An equal spec changes nothing (volumes missing after a crash between
     * the two are made again); a changed spec replaces a stopped domain's definition, keeps the volumes of disks it
     * still has, makes new ones and deletes those of disks it dropped; while the domain runs it is INVALID_STATE.
     */
    @Override
    public void define(DomainSpec spec, ProgressSink progress) {
        definitions.define(spec, progress);
    }

    @Override
    public void start(String vmId, ProgressSink progress) {
        actions.act(Op.START, vmId, progress, (found, p) -> {
            if (found.state() == PowerState.HIBERNATED) {
                hibernation.restore(found, p);
            } else {
                power.start(found, p);
            }
            tunings.shapeStarted(found); // new taps: tc shaping lives on them
        });
    }

    @Override
    public void shutdown(String vmId, long timeoutMillis, ProgressSink progress) {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeoutMillis is negative: " + timeoutMillis);
        }
        actions.act(Op.SHUTDOWN, vmId, progress, (found, p) -> power.shutdown(found, timeoutMillis, p));
    }

    @Override
    public void destroy(String vmId, ProgressSink progress) {
        actions.act(Op.DESTROY, vmId, progress, (found, p) -> {
            if (found.state() == PowerState.HIBERNATED) {
                hibernation.discard(found); // nothing runs: the saved memory is what there is to throw away
            } else {
                power.destroy(found, p);
            }
        });
    }

    @Override
    public void reboot(String vmId, ProgressSink progress) {
        actions.act(Op.REBOOT, vmId, progress, (found, p) -> power.reboot(found, p));
    }

    @Override
    public void suspend(String vmId, ProgressSink progress) {
        actions.act(Op.SUSPEND, vmId, progress, (found, p) -> power.suspend(found, p));
    }

    @Override
    public void resume(String vmId, ProgressSink progress) {
        actions.act(Op.RESUME, vmId, progress, (found, p) -> power.resume(found, p));
    }

    /**
     * Removes the definition (with the managed-save image of a hibernated domain, snapshot and checkpoint metadata),
     * then the volumes it owned and its serial log.
     */
    @Override
    public void undefine(String vmId, ProgressSink progress) {
        actions.act(Op.UNDEFINE, vmId, progress, (found, p) -> {
            Found stopped = found;
            if (found.active()) {
                power.destroy(found, ProgressSink.NONE); // a crashed guest preserved by on_crash=preserve
                stopped = connection.call("look up " + vmId, c -> domains.refresh(c, found));
            }
            tunings.releaseNow(stopped.name()); // while the definition still names the NICs
            definitions.undefine(stopped, p);
        });
    }

    /** An internal qcow2 snapshot; with the guest's memory when it runs (seconds under TCG). */
    @Override
    public void snapshot(String vmId, String snapshotId, ProgressSink progress) {
        SnapshotInfo.requireValidId(snapshotId);
        actions.act(Op.SNAPSHOT, vmId, progress, (found, p) -> snapshots.take(found, snapshotId, p));
    }

    @Override
    public List<SnapshotInfo> snapshots(String vmId) {
        requireNonNull(vmId, "vmId is null");
        return snapshots.list(actions.managed(vmId, actions.find(vmId)));
    }

    /** libvirt restores the disks, the memory, the definition (our metadata with it) and the power state. */
    @Override
    public void revertToSnapshot(String vmId, String snapshotId, ProgressSink progress) {
        requireNonNull(snapshotId, "snapshotId is null");
        actions.act(Op.REVERT, vmId, progress, (found, p) -> {
            Found from = found;
            if (found.state() == PowerState.HIBERNATED) {
                hibernation.discard(found); // the saved memory belongs to the state being left
                from = connection.call("look up " + vmId, c -> domains.refresh(c, found));
            }
            snapshots.revert(from, snapshotId, p);
            tunings.shapeStarted(from); // a running snapshot comes back in a new QEMU with new taps
        });
    }

    @Override
    public void deleteSnapshot(String vmId, String snapshotId, ProgressSink progress) {
        requireNonNull(snapshotId, "snapshotId is null");
        actions.act(Op.DELETE_SNAPSHOT, vmId, progress, (found, p) -> snapshots.delete(found, snapshotId, p));
    }

    /** Managed save: QEMU writes the guest's memory to libvirt's save image for the domain and exits. */
    @Override
    public void hibernate(String vmId, ProgressSink progress) {
        actions.act(Op.HIBERNATE, vmId, progress, hibernation::hibernate);
    }

    @Override
    public void growDisk(String vmId, String diskId, long newSizeMb, ProgressSink progress) {
        disks.grow(vmId, diskId, newSizeMb, progress);
    }

    /**
     * CPU through scheduler parameters, the balloon, the memory soft limit and each disk's iotune with LIVE|CONFIG
     * while running or paused (CONFIG only while stopped), NICs through tc ({@link NicShaping}); then recorded in the
     * metadata.
     */
    @Override
    public void tune(String vmId, Tuning tuning, ProgressSink progress) {
        tunings.tune(vmId, tuning, progress);
    }

    /** Read back from libvirt (live values while running or paused) and tc; a stopped domain's NICs as recorded. */
    @Override
    public Tuning tuning(String vmId) {
        return tunings.tuning(vmId);
    }

    @Override
    public Optional<VncEndpoint> vnc(String vmId) {
        return guests.vnc(vmId);
    }

    @Override
    public String consoleOutput(String vmId, int maxBytes) {
        return guests.consoleOutput(vmId, maxBytes);
    }

    @Override
    public GuestInfo guestInfo(String vmId) {
        return guests.guestInfo(vmId);
    }

    @Override
    public void addListener(DomainEventListener listener) {
        events.addListener(listener);
    }

    @Override
    public void close() {
        tunings.close();
        events.close();
        connection.close();
    }

    /** For tests: behave as if libvirtd had restarted; the next call reconnects. */
    void forgetConnection() {
        connection.simulateLoss();
    }

    private Connection connection() {
        return connection;
    }

    private void releaseShaping(String domainName) {
        tunings.releaseWhenStopped(domainName);
    }

    /** After a reconnect: states that changed while we were not listening are told as DISCOVERED. */
    private void rediscover() {
        try {
            for (Found found : connection.call("list domains", domains::scan)) {
                events.discovered(found.name(), found.status());
            }
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot look at the domains after reconnecting: " + e.getMessage());
        }
    }
}
