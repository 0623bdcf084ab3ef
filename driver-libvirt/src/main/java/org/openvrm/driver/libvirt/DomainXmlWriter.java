package org.openvrm.driver.libvirt;

import static org.openvrm.driver.libvirt.Xml.escape;

import java.util.List;
import java.util.Locale;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.DomainSpec.NicSpec;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.VirtualizationType;

/**
 * The one place domain XML is made: (plan, host facts) -> XML, pure and deterministic (golden-file tested).
 *
 * <p>Boot order: for each kind in {@code spec.bootOrder()} the first device of that kind gets the next
 * {@code <boot order>} ("disk" = the first disk, "network" = the first NIC; "cdrom" is skipped while specs have no
 * CD-ROM). Disk targets count per bus: virtio -> vda, vdb...; scsi/sata/usb -> sda...; ide -> hda...
 */
public final class DomainXmlWriter {

    /** The namespace of the metadata element: vmId, generation, fingerprint, owned volumes, disk sizes. */
    public static final String METADATA_NS = "https://openvrm.org/xmlns/libvirt/domain/1";

    public String write(DomainPlan plan, HostFacts facts) {
        DomainSpec spec = plan.spec();
        StringBuilder x = new StringBuilder(4096);
        String type = facts.virtualization() == VirtualizationType.KVM ? "kvm" : "qemu";
        x.append("<domain type='").append(type).append("'>\n");
        line(x, 1, "<name>" + escape(plan.name()) + "</name>");
        line(x, 1, "<uuid>" + plan.uuid() + "</uuid>");
        line(x, 1, "<title>" + escape(spec.name()) + "</title>");
        metadata(x, plan);
        line(x, 1, "<memory unit='MiB'>" + spec.memoryMb() + "</memory>");
        // the balloon: what the guest may use of its memory (the VM's memory limit); memory stays the size
        line(x, 1, "<currentMemory unit='MiB'>" + spec.memTune().balloonMb() + "</currentMemory>");
        if (spec.memTune().softLimitMb() > 0) {
            line(x, 1, "<memtune>");
            line(x, 2, "<soft_limit unit='MiB'>" + spec.memTune().softLimitMb() + "</soft_limit>");
            line(x, 1, "</memtune>");
        }
        line(x, 1, "<vcpu placement='static' current='" + spec.vcpus() + "'>" + spec.maxVcpus() + "</vcpu>");
        cputune(x, spec.cpuTune());
        line(x, 1, "<os>");
        line(x, 2, "<type arch='x86_64' machine='" + escape(facts.machine()) + "'>hvm</type>");
        line(x, 2, "<bootmenu enable='no'/>");
        line(x, 1, "</os>");
        line(x, 1, "<features>");
        line(x, 2, "<acpi/>");
        line(x, 2, "<apic/>");
        line(x, 1, "</features>");
        if (facts.virtualization() == VirtualizationType.KVM) {
            line(x, 1, "<cpu mode='host-model'/>");
        }
        line(x, 1, "<clock offset='utc'/>");
        line(x, 1, "<on_poweroff>destroy</on_poweroff>");
        line(x, 1, "<on_reboot>restart</on_reboot>");
        // destroy: a panicked guest ends as "shut off (crashed)", like a killed emulator; both are reported CRASHED
        line(x, 1, "<on_crash>destroy</on_crash>");
        line(x, 1, "<devices>");
        line(x, 2, "<emulator>" + escape(facts.emulator()) + "</emulator>");
        devices(x, plan);
        line(x, 1, "</devices>");
        x.append("</domain>\n");
        return x.toString();
    }

    /**
     * Shares and period always, so that a VM's weight is ours (libvirt would give every domain 1024 whatever its
     * size); a quota only when limited, because libvirt's -1 default already means unlimited. Numbers are on the
     * cgroup v1 scale: cgroup v2 hosts (cpu.weight, at most 10000) are not handled yet.
     */
    private static void cputune(StringBuilder x, DomainSpec.CpuTune tune) {
        line(x, 1, "<cputune>");
        line(x, 2, "<shares>" + tune.shares() + "</shares>");
        line(x, 2, "<period>" + tune.periodMicros() + "</period>");
        if (tune.limited()) {
            line(x, 2, "<quota>" + tune.quotaMicros() + "</quota>");
        }
        line(x, 1, "</cputune>");
    }

    /** Only the set limits: libvirt reads an absent one as 0, unlimited. */
    private static void iotune(StringBuilder x, IoTune io) {
        if (!io.limited()) {
            return;
        }
        line(x, 3, "<iotune>");
        limit(x, "total_bytes_sec", io.totalBytesSec());
        limit(x, "read_bytes_sec", io.readBytesSec());
        limit(x, "write_bytes_sec", io.writeBytesSec());
        limit(x, "total_iops_sec", io.totalIopsSec());
        limit(x, "read_iops_sec", io.readIopsSec());
        limit(x, "write_iops_sec", io.writeIopsSec());
        line(x, 3, "</iotune>");
    }

    private static void limit(StringBuilder x, String element, long value) {
        if (value > 0) {
            line(x, 4, "<" + element + ">" + value + "</" + element + ">");
        }
    }

    private static void metadata(StringBuilder x, DomainPlan plan) {
        line(x, 1, "<metadata>");
        line(x, 2, "<openvrm:domain xmlns:openvrm='" + METADATA_NS + "'>");
        line(x, 3, "<openvrm:vmId>" + escape(plan.spec().vmId()) + "</openvrm:vmId>");
        line(x, 3, "<openvrm:generation>" + plan.spec().generation() + "</openvrm:generation>");
        line(x, 3, "<openvrm:fingerprint>" + plan.fingerprint() + "</openvrm:fingerprint>");
        for (String volume : plan.volumes()) {
            line(x, 3, "<openvrm:volume path='" + escape(volume) + "'/>");
        }
        // sizes apart from the fingerprint: growDisk changes them without a new spec (DomainMetadata#describes)
        for (DiskSpec disk : plan.spec().disks()) {
            line(x, 3, "<openvrm:disk id='" + escape(disk.id()) + "' sizeMb='" + disk.sizeMb() + "' thick='"
                    + disk.thick() + "'/>");
        }
        // the tuning apart from the fingerprint too: tune changes it without a new spec
        x.append(TuningMetadata.xml(plan.spec().tuning(), "      "));
        line(x, 2, "</openvrm:domain>");
        line(x, 1, "</metadata>");
    }

    private static void devices(StringBuilder x, DomainPlan plan) {
        DomainSpec spec = plan.spec();
        List<String> boot = spec.bootOrder();
        int diskBoot = bootIndex(boot, "disk");
        int nicBoot = bootIndex(boot, "network");
        for (String kind : boot) {
            if (!List.of("disk", "network", "cdrom").contains(kind)) {
                throw new IllegalArgumentException("unknown boot device kind '" + kind + "' (disk, network, cdrom)");
            }
        }
        int[] perPrefix = new int[3];
        boolean scsi = false;
        for (int i = 0; i < spec.disks().size(); i++) {
            DiskSpec disk = spec.disks().get(i);
            String bus = disk.bus().toLowerCase(Locale.ROOT);
            scsi |= bus.equals("scsi");
            line(x, 2, "<disk type='file' device='disk'>");
            line(x, 3, "<driver name='qemu' type='qcow2' discard='unmap'/>");
            line(x, 3, "<source file='" + escape(plan.volumes().get(i)) + "'/>");
            line(x, 3, "<target dev='" + targetDev(bus, perPrefix) + "' bus='" + escape(bus) + "'/>");
            iotune(x, disk.ioTune());
            if (i == 0 && diskBoot > 0) {
                line(x, 3, "<boot order='" + diskBoot + "'/>");
            }
            line(x, 2, "</disk>");
        }
        if (scsi) {
            line(x, 2, "<controller type='scsi' index='0' model='virtio-scsi'/>");
        }
        for (int i = 0; i < spec.nics().size(); i++) {
            NicSpec nic = spec.nics().get(i);
            line(x, 2, "<interface type='bridge'>");
            line(x, 3, "<mac address='" + escape(nic.mac().toLowerCase(Locale.ROOT)) + "'/>");
            line(x, 3, "<source bridge='" + escape(nic.network()) + "'/>");
            line(x, 3, "<model type='" + escape(nic.model()) + "'/>");
            // no <bandwidth>: libvirt's needs sch_sfq, missing from this kind of kernel; NicShaping programs tc
            if (i == 0 && nicBoot > 0) {
                line(x, 3, "<boot order='" + nicBoot + "'/>");
            }
            line(x, 2, "</interface>");
        }
        line(x, 2, "<channel type='unix'>");
        line(x, 3, "<target type='virtio' name='org.qemu.guest_agent.0'/>");
        line(x, 2, "</channel>");
        line(x, 2, "<serial type='pty'>");
        line(x, 3, "<log file='" + escape(plan.serialLog()) + "' append='off'/>");
        line(x, 3, "<target port='0'/>");
        line(x, 2, "</serial>");
        line(x, 2, "<console type='pty'>");
        line(x, 3, "<target type='serial' port='0'/>");
        line(x, 2, "</console>");
        line(x, 2, "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>");
        line(x, 3, "<listen type='address' address='127.0.0.1'/>");
        line(x, 2, "</graphics>");
        line(x, 2, "<video>");
        line(x, 3, "<model type='vga'/>");
        line(x, 2, "</video>");
        line(x, 2, "<memballoon model='virtio'>");
        line(x, 3, "<stats period='5'/>");
        line(x, 2, "</memballoon>");
        // 'isa' is QEMU's pvpanic ISA device; libvirt 9.0 has no model named 'pvpanic' (that came in 9.1)
        line(x, 2, "<panic model='isa'/>");
    }

    /** 1-based boot order of the first device of {@code kind}, 0 when it does not boot. */
    private static int bootIndex(List<String> boot, String kind) {
        int order = 0;
        for (String k : boot) {
            if (k.equals("cdrom")) {
                continue; // no CD-ROM devices yet: numbers stay dense
            }
            order++;
            if (k.equals(kind)) {
                return order;
            }
        }
        return 0;
    }

    private static String targetDev(String bus, int[] perPrefix) {
        int slot;
        String prefix;
        switch (bus) {
            case "virtio" -> { slot = 0; prefix = "vd"; }
            case "scsi", "sata", "usb" -> { slot = 1; prefix = "sd"; }
            case "ide" -> { slot = 2; prefix = "hd"; }
            default -> throw new IllegalArgumentException("unknown disk bus '" + bus + "' (virtio, scsi, sata, usb, ide)");
        }
        return prefix + letters(perPrefix[slot]++);
    }

    /** 0 -> a, 25 -> z, 26 -> aa: libvirt's own disk naming. */
    static String letters(int index) {
        StringBuilder s = new StringBuilder();
        int i = index;
        do {
            s.insert(0, (char) ('a' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return s.toString();
    }

    private static void line(StringBuilder x, int depth, String text) {
        x.append("  ".repeat(depth)).append(text).append('\n');
    }
}
