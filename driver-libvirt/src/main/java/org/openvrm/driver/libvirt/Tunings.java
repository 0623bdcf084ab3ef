package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.MemTune;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.Tuning;
import org.openvrm.driver.libvirt.CallRules.Op;
import org.openvrm.driver.libvirt.Domains.Found;
import org.openvrm.driver.libvirt.Domains.Managed;

/**
 * A domain's QoS (seed S8): applied live and to the definition while it runs or is paused, to the definition only
 * while it is stopped, then recorded in our metadata (generation kept) so the tuned spec is "equal" on the next
 * define. Read back from libvirt and tc, never from the metadata, except a stopped domain's NIC shaping, which
 * exists only while its tap does. NIC shaping is (re)applied whenever a domain starts running and released once it
 * stops (on a thread of its own, under the domain's lock, so a stop event handled late never removes the shaping of
 * the next start).
 */
final class Tunings implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Tunings.class.getName());
    private static final int XML_INACTIVE = 2;

    private final Connection connection;
    private final Domains domains;
    private final DomainActions actions;
    private final NicShaping shaping;
    private final ExecutorService releases = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("nic-shaping-release").factory());

    Tunings(Connection connection, Domains domains, DomainActions actions, NicShaping shaping) {
        this.connection = requireNonNull(connection, "connection is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.actions = requireNonNull(actions, "actions is null");
        this.shaping = requireNonNull(shaping, "shaping is null");
    }

    /** See {@link LibvirtDriver#tune}: names and balloon checked first, then "the same again", then the state. */
    void tune(String vmId, Tuning tuning, ProgressSink progress) {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(tuning, "tuning is null");
        requireNonNull(progress, "progress is null");
        actions.locked(vmId, () -> {
            Managed m = actions.managed(vmId, actions.find(vmId));
            if (m.metadata().disks().isEmpty() && !m.metadata().volumes().isEmpty()) {
                throw new DriverException(Reason.FAILED, vmId + " was defined before disk sizes were recorded; "
                        + "define it again (generation + 1) while it is stopped to tune it");
            }
            long memoryMb = connection.call("read the memory size of " + m.name(),
                    c -> domains.domain(c, m).getMaxMemory() / 1024);
            // a domain of the version before: its tuning as defined is in its XML (and in its old fingerprint)
            Optional<Tuning> fingerprinted = m.metadata().tuning().isPresent() ? Optional.empty()
                    : Optional.of(asDefinedBefore(m, memoryMb, tuning));
            Tuning recorded = m.metadata().tuning().orElseGet(fingerprinted::get);
            check(vmId, m.metadata(), recorded, memoryMb, tuning);
            if (recorded.equals(tuning)) {
                progress.report(100);
                return;
            }
            DomainActions.refuseWhereIllegal(Op.TUNE, m, vmId);
            progress.report(0);
            boolean live = runs(m.state());
            Map<String, String> volumes = volumes(m.metadata());
            connection.call("tune " + m.name(), c -> {
                HostTuning.apply(c, m.name(), tuning, volumes,
                        live ? NativeTuning.LIVE | NativeTuning.CONFIG : NativeTuning.CONFIG);
                return null;
            });
            progress.report(60);
            if (live) {
                shaping.apply(m.name(), byMac(tuning.nics()));
            }
            progress.report(80);
            // last: a tune cut short before this is applied again in full by its retry
            connection.call("record the tuning of " + m.name(), c -> {
                c.domainDefineXML(DomainMetadata.withTuning(domains.domain(c, m).getXMLDesc(XML_INACTIVE), tuning,
                        fingerprinted));
                return null;
            });
            progress.report(100);
        });
    }

    /** See {@link LibvirtDriver#tuning}. */
    Tuning tuning(String vmId) {
        requireNonNull(vmId, "vmId is null");
        Managed m = actions.managed(vmId, actions.find(vmId));
        boolean live = runs(m.state());
        Set<String> macs = macs(m);
        Map<String, NicBandwidth> nics = new LinkedHashMap<>();
        if (live) {
            Map<String, NicBandwidth> enforced = byMac(shaping.read(m.name()));
            macs.forEach(mac -> nics.put(mac, enforced.getOrDefault(mac.toLowerCase(Locale.ROOT),
                    NicBandwidth.NONE)));
        } else {
            Map<String, NicBandwidth> recorded = m.metadata().tuning().map(Tuning::nics).orElse(Map.of());
            macs.forEach(mac -> nics.put(mac, recorded.getOrDefault(mac, NicBandwidth.NONE)));
        }
        Map<String, String> volumes = volumes(m.metadata());
        return connection.call("read the tuning of " + m.name(), c -> HostTuning.read(c, m.name(), volumes, nics,
                live ? NativeTuning.LIVE : NativeTuning.CONFIG));
    }

    /** After a start, restore or revert: shapes the NICs of a domain now running or paused (its taps are new). */
    void shapeStarted(Found before) {
        Found now = connection.call("look up " + before.name(), c -> domains.refresh(c, before));
        if (now instanceof Managed m && runs(m.state())) {
            m.metadata().tuning().map(Tuning::nics).filter(n -> n.values().stream().anyMatch(NicBandwidth::shaped))
                    .ifPresent(n -> shaping.apply(m.name(), byMac(n)));
        }
    }

    /** A stopped domain about to be undefined: whatever tc state it left goes first (best effort). */
    void releaseNow(String domainName) {
        try {
            shaping.release(domainName);
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot release the NIC shaping of " + domainName + ": "
                    + e.getMessage());
        }
    }

    /**
     * Called from the event dispatcher when a domain's QEMU is gone (stopped, crashed, saved): removes what its NIC
     * shaping left, later, under the domain's lock and only if it is still not running.
     */
    void releaseWhenStopped(String domainName) {
        if (!domains.named(domainName)) {
            return; // libvirt tells every client of every domain; others' domains were never shaped here
        }
        try {
            releases.execute(() -> {
                try {
                    Optional<EventDispatcher.Identity> who = domains.identity(connection, domainName);
                    Runnable release = () -> {
                        int[] raw = connection.call("read the state of " + domainName,
                                c -> NativeState.stateOf(c.pointer(), domainName));
                        if (raw == null || !PowerStates.active(raw[0])) {
                            shaping.release(domainName);
                        }
                    };
                    if (who.isPresent()) {
                        actions.locked(who.get().vmId(), release);
                    } else {
                        release.run();
                    }
                } catch (DriverException e) {
                    // gone already (undefined right after it stopped): nothing of it is left to release
                    LOG.log(e.reason() == Reason.NOT_FOUND ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                            "cannot release the NIC shaping of " + domainName + ": " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Lets releases already handed over finish (bounded) while the connection is still open. */
    @Override
    public void close() {
        releases.shutdown();
        try {
            if (!releases.awaitTermination(10, TimeUnit.SECONDS)) {
                releases.shutdownNow();
            }
        } catch (InterruptedException e) {
            releases.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** What {@code spec.withTuning} checks, against what the domain records: BAD_REFERENCE, nothing applied. */
    private static void check(String vmId, DomainMetadata metadata, Tuning recorded, long memoryMb, Tuning t) {
        Set<String> diskIds = new HashSet<>();
        metadata.disks().forEach(d -> diskIds.add(d.id()));
        if (!t.disks().keySet().equals(diskIds) || !t.nics().keySet().equals(recorded.nics().keySet())) {
            throw new DriverException(Reason.BAD_REFERENCE, vmId + ": the tuning names disks "
                    + t.disks().keySet() + " and NICs " + t.nics().keySet() + ", but the domain has disks " + diskIds
                    + " and NICs " + recorded.nics().keySet());
        }
        if (t.memory().balloonMb() > memoryMb) {
            throw new DriverException(Reason.BAD_REFERENCE, vmId + ": memTune.balloonMb " + t.memory().balloonMb()
                    + " is above the domain's memory, " + memoryMb + " MB");
        }
    }

    /**
     * The tuning a domain of the version before tuning was recorded has: its {@code <cputune>}, its whole memory,
     * no disk limits, no NIC shaping (that version wrote none). NICs keyed as the caller names them where the MAC
     * matches (the XML has them lower-case), so the old fingerprint can be checked against the caller's spec.
     */
    private Tuning asDefinedBefore(Managed m, long memoryMb, Tuning asked) {
        String xml = connection.call("read the definition of " + m.name(),
                c -> domains.domain(c, m).getXMLDesc(XML_INACTIVE));
        Map<String, IoTune> disks = new LinkedHashMap<>();
        m.metadata().disks().forEach(d -> disks.put(d.id(), IoTune.UNLIMITED));
        Map<String, String> askedByLowerMac = new LinkedHashMap<>();
        asked.nics().keySet().forEach(mac -> askedByLowerMac.put(mac.toLowerCase(Locale.ROOT), mac));
        Map<String, NicBandwidth> nics = new LinkedHashMap<>();
        DomainXmlReader.macs(xml).forEach(mac -> nics.put(askedByLowerMac.getOrDefault(mac, mac), NicBandwidth.NONE));
        try {
            return new Tuning(DomainXmlReader.cputune(xml), MemTune.full(memoryMb), disks, nics);
        } catch (IllegalArgumentException e) {
            throw new DriverException(Reason.FAILED, m.name() + " was defined by a version without CPU tuning ("
                    + e.getMessage() + "); define it again (generation + 1) while it is stopped to tune it");
        }
    }

    private static boolean runs(PowerState state) {
        return state == PowerState.RUNNING || state == PowerState.PAUSED;
    }

    /** Each disk's volume path by disk id, from the metadata (same order). */
    private static Map<String, String> volumes(DomainMetadata metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < metadata.disks().size() && i < metadata.volumes().size(); i++) {
            out.put(metadata.disks().get(i).id(), metadata.volumes().get(i));
        }
        return out;
    }

    /** The NICs as the spec names them; from the domain's XML for one defined before tuning was recorded. */
    private Set<String> macs(Managed m) {
        if (m.metadata().tuning().isPresent()) {
            return m.metadata().tuning().get().nics().keySet();
        }
        return new LinkedHashSet<>(connection.call("read the NICs of " + m.name(),
                c -> DomainXmlReader.macs(domains.domain(c, m).getXMLDesc(XML_INACTIVE))));
    }

    /** MACs lower-case, as the domain XML has them. */
    private static Map<String, NicBandwidth> byMac(Map<String, NicBandwidth> nics) {
        Map<String, NicBandwidth> out = new LinkedHashMap<>();
        nics.forEach((mac, b) -> out.put(mac.toLowerCase(Locale.ROOT), b));
        return out;
    }
}
