package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.libvirt.Domain;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.libvirt.CallRules.Op;
import org.openvrm.driver.libvirt.Domains.Managed;

/**
 * Grows a disk's volume: live through QEMU (virDomainBlockResize) while the domain runs or is paused, so the guest
 * sees the new size at once; with qemu-img while it is stopped. The new size is then written into the domain's
 * metadata, the generation kept, so the manager's spec with that size is "equal" on its next define.
 */
final class DiskGrowth {

    private static final int XML_INACTIVE = 2;
    private static final int RESIZE_BYTES = 1; // VIR_DOMAIN_BLOCK_RESIZE_BYTES
    private static final long MIB = 1024 * 1024;

    private final Connection connection;
    private final Domains domains;
    private final QemuImg qemuImg;
    private final DomainActions actions;

    DiskGrowth(Connection connection, Domains domains, QemuImg qemuImg, DomainActions actions) {
        this.connection = requireNonNull(connection, "connection is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.qemuImg = requireNonNull(qemuImg, "qemuImg is null");
        this.actions = requireNonNull(actions, "actions is null");
    }

    /**
     * The disk is checked before the state, so a grow repeated after it happened is a no-op in any state. A volume
     * already at least as big (a clone of a larger image, or a grow whose metadata write was cut short) is only
     * recorded.
     */
    void grow(String vmId, String diskId, long newSizeMb, ProgressSink progress) {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(diskId, "diskId is null");
        requireNonNull(progress, "progress is null");
        actions.locked(vmId, () -> {
            Managed m = actions.managed(vmId, actions.find(vmId));
            int index = m.metadata().diskIndex(diskId);
            if (index < 0) {
                throw m.metadata().disks().isEmpty() && !m.metadata().volumes().isEmpty()
                        ? new DriverException(Reason.FAILED, vmId + " was defined before disk sizes were recorded; "
                                + "define it again (generation + 1) while it is stopped to grow its disks")
                        : new DriverException(Reason.BAD_REFERENCE, vmId + " has no disk " + diskId);
            }
            DomainMetadata.Disk disk = m.metadata().disks().get(index);
            if (disk.sizeMb() == newSizeMb) {
                progress.report(100);
                return;
            }
            if (newSizeMb < disk.sizeMb()) {
                throw new DriverException(Reason.INVALID_STATE, "disks only grow: disk " + diskId + " of " + vmId
                        + " has " + disk.sizeMb() + " MB, asked for " + newSizeMb + " MB");
            }
            DomainActions.refuseWhereIllegal(Op.GROW_DISK, m, vmId);
            progress.report(0);
            String volume = m.metadata().volumes().get(index);
            if (m.active()) {
                growLive(m, volume, newSizeMb * MIB);
            } else {
                growOffline(volume, newSizeMb * MIB, disk.thick());
            }
            progress.report(70);
            record(m, diskId, newSizeMb);
            progress.report(100);
        });
    }

    /** The guest's virtio-blk/SCSI device reports the new capacity right away (a config-change interrupt). */
    private void growLive(Managed m, String volume, long bytes) {
        connection.call("grow " + volume + " of " + m.name(), c -> {
            Domain domain = domains.domain(c, m);
            if (domain.blockInfo(volume).getCapacity() < bytes) {
                domain.blockResize(volume, bytes, RESIZE_BYTES);
            }
            return null;
        });
    }

    private void growOffline(String volume, long bytes, boolean thick) {
        try {
            if (qemuImg.info(Path.of(volume)).virtualSizeBytes() < bytes) {
                qemuImg.resize(Path.of(volume), bytes, thick);
            }
        } catch (QemuImg.Failure e) {
            String message = String.valueOf(e.getMessage());
            throw new DriverException(message.contains("No space left") ? Reason.RESOURCE_EXHAUSTED : Reason.FAILED,
                    "cannot grow " + volume + ": " + message, e);
        }
    }

    /** Redefines the persistent definition with the new size in its metadata (a running domain keeps running). */
    private void record(Managed m, String diskId, long sizeMb) {
        connection.call("record the new size of disk " + diskId + " of " + m.name(), c -> {
            String xml = domains.domain(c, m).getXMLDesc(XML_INACTIVE);
            c.domainDefineXML(DomainMetadata.withDiskSize(xml, diskId, sizeMb));
            return null;
        });
    }
}
