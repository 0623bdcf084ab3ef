package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.libvirt.LibvirtException;
import org.openvrm.driver.DomainEventListener;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.HostInventory;
import org.openvrm.driver.HypervisorDriver;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.libvirt.CallRules.Op;
import org.openvrm.driver.libvirt.CallRules.Plan;
import org.openvrm.driver.libvirt.Domains.Found;
import org.openvrm.driver.libvirt.Domains.Managed;
import org.openvrm.driver.libvirt.Domains.Unmanaged;
import org.openvrm.driver.libvirt.EventDispatcher.Identity;

/**
 * The real driver: libvirt + QEMU. Domains are named {@code prefix + vmId} and carry their vmId, spec generation,
 * spec fingerprint and owned volumes in their metadata. Calls on one domain run one at a time (striped locks);
 * power operations are {@link PowerOps}. See the module README for the whole picture.
 */
public final class LibvirtDriver implements HypervisorDriver {

    private static final System.Logger LOG = System.getLogger(LibvirtDriver.class.getName());
    // VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | SNAPSHOTS_METADATA | NVRAM | CHECKPOINTS_METADATA
    private static final int UNDEFINE_EVERYTHING = 1 | 2 | 4 | 16;

    private final LibvirtConfig config;
    private final Domains domains;
    private final Requests requests = new Requests(Duration.ofSeconds(30), System::nanoTime);
    private final EventDispatcher events;
    private final Connection connection;
    private final Volumes volumes;
    private final DomainXmlWriter writer = new DomainXmlWriter();
    private final Bridges bridges = Bridges.local();
    private final PowerOps power;
    private final Snapshots snapshots;
    private final ReentrantLock[] locks = new ReentrantLock[64];
    private final Object hostLock = new Object();
    private HostInventory inventory; // guarded by hostLock; the hardware does not change under a running driver
    private HostFacts facts; // guarded by hostLock

    public LibvirtDriver(LibvirtConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.domains = new Domains(config.namePrefix());
        this.events = new EventDispatcher(requests, name -> domains.identity(connection(), name));
        this.connection = new Connection(config.uri(), events::submit, this::rediscover);
        this.volumes = new Volumes(new QemuImg(config.qemuImg(), Duration.ofMinutes(30)));
        this.power = new PowerOps(connection, domains, requests, config.shutdownResend());
        this.snapshots = new Snapshots(connection, domains, requests);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
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
        requireNonNull(spec, "spec is null");
        requireNonNull(progress, "progress is null");
        String vmId = spec.vmId();
        DomainPlan plan = plan(spec);
        locked(vmId, () -> {
            Optional<Found> existing = connection.call("look up " + vmId, c -> domains.find(c, vmId));
            Set<String> dropped = new HashSet<>();
            if (existing.isPresent()) {
                if (!(existing.get() instanceof Managed m)) {
                    throw new DriverException(Reason.FAILED, "domain name " + existing.get().name()
                            + " is taken by a domain OpenVRM does not manage");
                }
                if (m.metadata().fingerprint().equals(plan.fingerprint())) {
                    volumes.create(spec, plan.volumes());
                    progress.report(100);
                    return;
                }
                if (CallRules.plan(Op.REDEFINE, m.state()) instanceof Plan.Refuse(String why)) {
                    throw new DriverException(Reason.INVALID_STATE, vmId + ": " + why);
                }
                dropped.addAll(m.metadata().volumes());
                dropped.removeAll(plan.volumes());
            }
            volumes.check(spec);
            if (config.isLocal()) {
                bridges.ensure(spec); // a remote host's agent makes its own (issue 4)
            }
            String xml = xml(plan);
            progress.report(10);
            List<String> made = volumes.create(spec, plan.volumes());
            progress.report(80);
            Requests.Ticket ticket = requests.begin(plan.name(), PowerState.SHUTOFF, false);
            boolean defined = false;
            try {
                connection.call("define " + vmId, c -> c.domainDefineXML(xml));
                defined = true;
            } catch (RuntimeException e) {
                volumes.delete(made);
                throw e;
            } finally {
                requests.end(ticket, defined && existing.isEmpty()); // only a new domain sends "defined, added"
            }
            domains.remember(plan.name(), new Identity(vmId, spec.generation()));
            volumes.delete(List.copyOf(dropped));
            progress.report(100);
        });
    }

    @Override
    public void start(String vmId, ProgressSink progress) {
        act(Op.START, vmId, progress, (found, p) -> power.start(found, p));
    }

    @Override
    public void shutdown(String vmId, long timeoutMillis, ProgressSink progress) {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeoutMillis is negative: " + timeoutMillis);
        }
        act(Op.SHUTDOWN, vmId, progress, (found, p) -> power.shutdown(found, timeoutMillis, p));
    }

    @Override
    public void destroy(String vmId, ProgressSink progress) {
        act(Op.DESTROY, vmId, progress, (found, p) -> power.destroy(found, p));
    }

    @Override
    public void reboot(String vmId, ProgressSink progress) {
        act(Op.REBOOT, vmId, progress, (found, p) -> power.reboot(found, p));
    }

    @Override
    public void suspend(String vmId, ProgressSink progress) {
        act(Op.SUSPEND, vmId, progress, (found, p) -> power.suspend(found, p));
    }

    @Override
    public void resume(String vmId, ProgressSink progress) {
        act(Op.RESUME, vmId, progress, (found, p) -> power.resume(found, p));
    }

    /** Removes the definition (with managed save, snapshot and checkpoint metadata), then the volumes it owned. */
    @Override
    public void undefine(String vmId, ProgressSink progress) {
        act(Op.UNDEFINE, vmId, progress, (found, p) -> {
            Managed m = (Managed) found;
            if (m.active()) {
                power.destroy(m, ProgressSink.NONE); // a crashed guest preserved by on_crash=preserve
            }
            connection.call("undefine " + vmId, c -> {
                domains.domain(c, m).undefine(UNDEFINE_EVERYTHING);
                return null;
            });
            domains.forget(m.name());
            volumes.delete(m.metadata().volumes());
        });
    }

    /** An internal qcow2 snapshot; with the guest's memory when it runs (seconds under TCG). */
    @Override
    public void snapshot(String vmId, String snapshotId, ProgressSink progress) {
        SnapshotInfo.requireValidId(snapshotId);
        act(Op.SNAPSHOT, vmId, progress, (found, p) -> snapshots.take(found, snapshotId, p));
    }

    @Override
    public List<SnapshotInfo> snapshots(String vmId) {
        requireNonNull(vmId, "vmId is null");
        Found found = connection.call("look up " + vmId, c -> domains.find(c, vmId)).orElseThrow(() ->
                new DriverException(Reason.NOT_FOUND, "no domain for VM " + vmId + " (" + domainName(vmId) + ")"));
        if (found instanceof Unmanaged u) {
            throw new DriverException(Reason.INVALID_STATE, "domain " + u.name()
                    + " is not managed by OpenVRM; it is left alone");
        }
        return snapshots.list(found);
    }

    /** libvirt restores the disks, the memory, the definition (our metadata with it) and the power state. */
    @Override
    public void revertToSnapshot(String vmId, String snapshotId, ProgressSink progress) {
        requireNonNull(snapshotId, "snapshotId is null");
        act(Op.REVERT, vmId, progress, (found, p) -> snapshots.revert(found, snapshotId, p));
    }

    @Override
    public void deleteSnapshot(String vmId, String snapshotId, ProgressSink progress) {
        requireNonNull(snapshotId, "snapshotId is null");
        act(Op.DELETE_SNAPSHOT, vmId, progress, (found, p) -> snapshots.delete(found, snapshotId, p));
    }

    // Stage 1 of the drivers branch: the SPI is in, the libvirt implementation follows in the next commit.
    @Override
    public void hibernate(String vmId, ProgressSink progress) {
        throw new DriverException(Reason.FAILED, "hibernate is not in the libvirt driver yet");
    }

    @Override
    public void growDisk(String vmId, String diskId, long newSizeMb, ProgressSink progress) {
        throw new DriverException(Reason.FAILED, "growDisk is not in the libvirt driver yet");
    }

    @Override
    public Optional<org.openvrm.driver.VncEndpoint> vnc(String vmId) {
        throw new DriverException(Reason.FAILED, "vnc is not in the libvirt driver yet");
    }

    @Override
    public String consoleOutput(String vmId, int maxBytes) {
        throw new DriverException(Reason.FAILED, "consoleOutput is not in the libvirt driver yet");
    }

    @Override
    public org.openvrm.driver.GuestInfo guestInfo(String vmId) {
        throw new DriverException(Reason.FAILED, "guestInfo is not in the libvirt driver yet");
    }

    @Override
    public void addListener(DomainEventListener listener) {
        events.addListener(listener);
    }

    @Override
    public void close() {
        events.close();
        connection.close();
    }

    /** For tests: behave as if libvirtd had restarted; the next call reconnects. */
    void forgetConnection() {
        connection.simulateLoss();
    }

    /** One step on an existing domain: look it up, consult {@link CallRules}, act under the domain's lock. */
    private void act(Op op, String vmId, ProgressSink progress, PowerOps.Step step) {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(progress, "progress is null");
        locked(vmId, () -> {
            Optional<Found> found = connection.call("look up " + vmId, c -> domains.find(c, vmId));
            if (found.isEmpty()) {
                if (op == Op.UNDEFINE) {
                    progress.report(100); // what is not there is undefined already
                    return;
                }
                throw new DriverException(Reason.NOT_FOUND, "no domain for VM " + vmId + " (" + domainName(vmId)
                        + ")");
            }
            if (found.get() instanceof Unmanaged u) {
                throw new DriverException(Reason.INVALID_STATE, "domain " + u.name()
                        + " is not managed by OpenVRM; it is left alone");
            }
            switch (CallRules.plan(op, found.get().state())) {
                case Plan.Stay() -> progress.report(100);
                case Plan.Refuse(String why) -> throw new DriverException(Reason.INVALID_STATE, vmId + ": " + why);
                case Plan.Act(var target) -> {
                    progress.report(0);
                    step.run(found.get(), progress);
                    progress.report(100);
                }
            }
        });
    }

    private DomainPlan plan(DomainSpec spec) {
        String name = domains.nameOf(spec.vmId());
        return new DomainPlan(spec, name, Names.domainUuid(spec.vmId()), Volumes.paths(spec),
                Path.of(config.serialLogDir()).resolve(name + "-serial.log").toString(), SpecFingerprint.of(spec));
    }

    private String xml(DomainPlan plan) {
        try {
            return writer.write(plan, hostFacts());
        } catch (IllegalArgumentException e) {
            throw new DriverException(Reason.FAILED, plan.spec().vmId() + ": " + e.getMessage(), e);
        }
    }

    private void locked(String vmId, Runnable body) {
        ReentrantLock lock = locks[Math.floorMod(vmId.hashCode(), locks.length)];
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    private Connection connection() {
        return connection;
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
