package org.openvrm.manager.vm;

import static org.openvrm.manager.vm.VmDefaults.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openvrm.api.CpuQos;
import org.openvrm.api.DiskCreate;
import org.openvrm.api.DiskIoLimits;
import org.openvrm.api.MemoryQos;
import org.openvrm.api.NetworkQos;
import org.openvrm.api.NicCreate;
import org.openvrm.api.Problem.FieldError;
import org.openvrm.api.Vm.VmDisk;
import org.openvrm.api.Vm.VmNic;
import org.openvrm.core.qos.QosRules;
import org.openvrm.core.qos.SharesLevel;
import org.openvrm.core.qos.Violation;
import org.openvrm.manager.error.Validator;

/**
 * Checks and completes the shape of a VM (or template): sizes, disks, NICs, boot order and QoS, applying defaults.
 * References (datastores, port groups, MACs) are resolved through {@link Refs}.
 */
public final class VmShapeValidator {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    /** The shape as requested, already merged with a template's. */
    public record Shape(Integer vcpus, Integer maxVcpus, Long memoryMb, List<DiskCreate> disks, List<NicCreate> nics,
                        List<String> bootOrder, CpuQos cpuQos, MemoryQos memoryQos) {}

    public interface Refs {
        /** @return the datastore id to use for a disk; null after adding an error; an unknown id is a 404 */
        String datastore(Validator v, String field, String requested);

        /** @return the port group id to use for a NIC; null after adding an error; an unknown id is a 404 */
        String portGroup(Validator v, String field, String requested);

        /** @return a fresh MAC, or checks a requested one is free (null after adding an error) */
        String mac(Validator v, String field, String requested);
    }

    /** Validates {@code s} into {@code v}; returns the completed spec, or null when {@code v} has errors. */
    public VmSpec validate(Validator v, Shape s, Refs refs, Function<Integer, String> diskId,
                           Function<Integer, String> nicId) {
        v.required("vcpus", s.vcpus());
        v.range("vcpus", s.vcpus(), 1, MAX_VCPUS, "");
        v.required("memoryMb", s.memoryMb());
        v.range("memoryMb", s.memoryMb(), MIN_MEMORY_MB, MAX_MEMORY_MB, "MB");
        int vcpus = s.vcpus() == null ? 1 : s.vcpus();
        int maxVcpus = s.maxVcpus() == null ? vcpus : s.maxVcpus();
        v.range("maxVcpus", s.maxVcpus(), 1, MAX_VCPUS, "");
        if (s.maxVcpus() != null && s.vcpus() != null && s.maxVcpus() < s.vcpus()) {
            v.add("maxVcpus", "VALUE_OUT_OF_RANGE", "maxVcpus " + s.maxVcpus() + " is below vcpus " + s.vcpus());
        }
        long memoryMb = s.memoryMb() == null ? MIN_MEMORY_MB : Math.max(1, s.memoryMb());

        List<DiskCreate> disks = s.disks() == null ? List.of() : s.disks();
        List<NicCreate> nics = s.nics() == null ? List.of() : s.nics();
        v.range("disks", disks.size(), 0, MAX_DISKS, "disks");
        v.range("nics", nics.size(), 0, MAX_NICS, "NICs");
        List<VmDisk> outDisks = new ArrayList<>();
        for (int i = 0; i < disks.size() && i < MAX_DISKS; i++) {
            outDisks.add(disk(v, "disks[" + i + "]", i, disks.get(i), refs, diskId));
        }
        List<VmNic> outNics = new ArrayList<>();
        var macs = new HashSet<String>();
        for (int i = 0; i < nics.size() && i < MAX_NICS; i++) {
            VmNic nic = nic(v, "nics[" + i + "]", i, nics.get(i), refs, nicId);
            if (nic != null && nic.mac() != null && !macs.add(nic.mac())) {
                v.add("nics[" + i + "].mac", "DUPLICATE_VALUE", "MAC " + nic.mac() + " is given to two NICs");
            }
            outNics.add(nic);
        }
        List<String> boot = bootOrder(v, s.bootOrder());
        // with vcpus missing or absurd the CPU QoS cannot be judged: its own errors would only add noise
        CpuQos cpu = s.vcpus() == null || vcpus < 1 || vcpus > MAX_VCPUS ? null : cpuQos(v, s.cpuQos(), vcpus);
        MemoryQos mem = s.memoryMb() == null || s.memoryMb() < MIN_MEMORY_MB ? null
                : memoryQos(v, s.memoryQos(), memoryMb);
        if (!v.ok()) {
            return null;
        }
        return new VmSpec(vcpus, maxVcpus, memoryMb, cpu, mem, outDisks, outNics, boot);
    }

    private VmDisk disk(Validator v, String path, int index, DiskCreate d, Refs refs, Function<Integer, String> ids) {
        if (d == null) {
            v.add(path, "FIELD_REQUIRED", path + " must be an object");
            return null;
        }
        v.required(path + ".sizeMb", d.sizeMb());
        v.range(path + ".sizeMb", d.sizeMb(), 1, MAX_DISK_MB, "MB");
        v.oneOf(path + ".provisioning", d.provisioning(), PROVISIONING);
        v.oneOf(path + ".bus", d.bus(), DISK_BUSES);
        diskIoLimits(v, path + ".ioLimits", d.ioLimits());
        if (d.image() != null && (d.image().length() > 1000 || !d.image().startsWith("/")
                || d.image().contains("/../") || d.image().chars().anyMatch(Character::isISOControl))) {
            v.add(path + ".image", "INVALID_PATH", path + ".image must be an absolute file path without control "
                    + "characters or '..', at most 1000 characters");
        }
        String datastore = refs.datastore(v, path + ".datastoreId", d.datastoreId());
        return new VmDisk(ids.apply(index), index, d.sizeMb() == null ? 0 : d.sizeMb(), datastore,
                Objects.requireNonNullElse(d.provisioning(), "thin"), Objects.requireNonNullElse(d.bus(), "virtio"),
                d.ioLimits(), d.image());
    }

    private VmNic nic(Validator v, String path, int index, NicCreate n, Refs refs, Function<Integer, String> ids) {
        if (n == null) {
            v.add(path, "FIELD_REQUIRED", path + " must be an object");
            return null;
        }
        v.oneOf(path + ".model", n.model(), NIC_MODELS);
        String mac = null;
        if (n.mac() != null && !MAC.matcher(n.mac()).matches()) {
            v.add(path + ".mac", "INVALID_MAC", path + ".mac must be six lower-case hex pairs like 52:54:00:12:34:56");
        } else if (n.mac() != null && (Integer.parseInt(n.mac().substring(0, 2), 16) & 1) == 1) {
            v.add(path + ".mac", "INVALID_MAC", path + ".mac must be a unicast address (first octet even)");
        } else {
            mac = refs.mac(v, path + ".mac", n.mac());
        }
        networkQos(v, path + ".qos", n.qos());
        String portGroup = refs.portGroup(v, path + ".portGroupId", n.portGroupId());
        return new VmNic(ids.apply(index), index, portGroup, mac, Objects.requireNonNullElse(n.model(), "virtio"),
                n.qos());
    }

    /** A disk's six limits (seed S8.3) under {@code path}, through core's rules; null is unlimited and valid. */
    public static void diskIoLimits(Validator v, String path, DiskIoLimits l) {
        if (l != null) {
            v.addAll(errors(QosRules.validateDisk(path, new org.openvrm.core.qos.DiskIoLimits(
                    l.readKBps(), l.writeKBps(), l.totalKBps(), l.readIops(), l.writeIops(), l.totalIops()))));
        }
    }

    public static void networkQos(Validator v, String path, NetworkQos q) {
        if (q == null) {
            return;
        }
        for (var part : List.of("inbound", "outbound")) {
            NetworkQos.Shaping s = part.equals("inbound") ? q.inbound() : q.outbound();
            if (s != null) {
                v.addAll(errors(QosRules.validateShaping(path + "." + part,
                        new org.openvrm.core.qos.Shaping(s.averageMbps(), s.peakMbps(), s.burstKb()))));
            }
        }
    }

    private List<String> bootOrder(Validator v, List<String> order) {
        if (order == null) {
            return BOOT_ORDER;
        }
        if (order.isEmpty() || order.size() > BOOT_DEVICES.size()) {
            v.add("bootOrder", "VALUE_OUT_OF_RANGE", "bootOrder must list 1 to 3 devices");
            return BOOT_ORDER;
        }
        for (int i = 0; i < order.size(); i++) {
            v.oneOf("bootOrder[" + i + "]", order.get(i), BOOT_DEVICES);
            if (order.get(i) == null) {
                v.add("bootOrder[" + i + "]", "FIELD_REQUIRED", "bootOrder entries must not be null");
            }
        }
        if (new HashSet<>(order).size() != order.size()) {
            v.add("bootOrder", "DUPLICATE_VALUE", "bootOrder lists a device twice");
        }
        return order;
    }

    /** Validates a VM's CPU QoS (at {@code cpuQos}) into {@code v} and completes it: the level's shares, 0 reserved. */
    public CpuQos cpuQos(Validator v, CpuQos q, int vcpus) {
        String level = level(v, "cpuQos", q == null ? null : q.sharesLevel(), q == null ? null : q.shares());
        long shares = level.equals("CUSTOM") ? q.shares()
                : org.openvrm.core.qos.CpuQos.cpuShares(SharesLevel.valueOf(level), vcpus);
        long reservation = q == null || q.reservationMhz() == null ? 0 : q.reservationMhz();
        Long limit = q == null ? null : q.limitMhz();
        v.addAll(errors(QosRules.validateCpu("cpuQos", new org.openvrm.core.qos.CpuQos(
                (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, shares)), reservation, limit), vcpus)));
        return new CpuQos(level, shares, reservation, limit);
    }

    /** Validates a VM's memory QoS (at {@code memoryQos}) into {@code v} and completes it; the limit defaults to the size. */
    public MemoryQos memoryQos(Validator v, MemoryQos q, long memoryMb) {
        String level = level(v, "memoryQos", q == null ? null : q.sharesLevel(), q == null ? null : q.shares());
        long shares = level.equals("CUSTOM") ? q.shares()
                : org.openvrm.core.qos.MemoryQos.memoryShares(SharesLevel.valueOf(level), memoryMb);
        long reservation = q == null || q.reservationMb() == null ? 0 : q.reservationMb();
        Long limit = q == null ? null : q.limitMb();
        v.addAll(errors(QosRules.validateMemory("memoryQos",
                new org.openvrm.core.qos.MemoryQos(shares, reservation, limit), memoryMb)));
        return new MemoryQos(level, shares, reservation, limit == null ? memoryMb : limit);
    }

    /** shares alone means CUSTOM; a preset level with explicit shares is a contradiction. */
    private static String level(Validator v, String path, String level, Long shares) {
        v.oneOf(path + ".sharesLevel", level, SHARES_LEVELS);
        if (level == null) {
            return shares == null ? "NORMAL" : "CUSTOM";
        }
        if (!SHARES_LEVELS.contains(level)) {
            return "NORMAL";
        }
        if (level.equals("CUSTOM") && shares == null) {
            v.add(path + ".shares", "FIELD_REQUIRED", path + ".shares is required when sharesLevel is CUSTOM");
            return "NORMAL";
        }
        if (!level.equals("CUSTOM") && shares != null) {
            v.add(path + ".shares", QosRules.CONFLICT, path + ".shares is set by sharesLevel " + level
                    + "; use sharesLevel CUSTOM to give a number");
        }
        return level;
    }

    static List<FieldError> errors(List<Violation> violations) {
        return violations.stream().map(x -> new FieldError(x.field(), x.code(), x.message())).toList();
    }
}
