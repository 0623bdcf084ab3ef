package org.openvrm.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvrm.api.CpuQos;
import org.openvrm.api.DiskCreate;
import org.openvrm.api.MemoryQos;
import org.openvrm.api.NicCreate;
import picocli.CommandLine.Option;

/**
 * The shape of a VM or template: size, disks, NICs, boot order and QoS. An option left out stays null in the
 * request, so the template's value (or the manager's default) applies; the CLI invents no defaults of its own.
 */
final class ShapeOptions {

    /** The parsed shape, every reference already an id. */
    record Shape(Integer vcpus, Integer maxVcpus, Long memoryMb, List<DiskCreate> disks, List<NicCreate> nics,
                 List<String> bootOrder, CpuQos cpuQos, MemoryQos memoryQos) {}

    @Option(names = "--cpus", paramLabel = "N", description = "vCPUs.")
    Integer cpus;

    @Option(names = "--max-cpus", paramLabel = "N", description = "vCPUs it may grow to while running.")
    Integer maxCpus;

    @Option(names = "--memory-mb", paramLabel = "MB", description = "Memory in MB.")
    Long memoryMb;

    @Option(names = "--memory-gb", paramLabel = "GB", description = "Memory in GB, e.g. 4 or 0.5.")
    String memoryGb;

    @Option(names = "--disk", paramLabel = "SIZE[:thin|thick][@DATASTORE][=IMAGE]",
            description = "A disk, e.g. 20G or 100G:thick@ssd; =IMAGE makes it a linked clone of that base image "
                    + "on the host. Repeat for more. Default datastore: the only one.")
    List<String> disks;

    /**
     * {@code --nic} given without a value. Not {@code Option.NULL_VALUE}: picocli 4.7.7 fails rendering the help
     * of an option with that fallback. A port group name cannot hold '*', so this cannot shadow a real one.
     */
    static final String ONLY_PORT_GROUP = "*";

    @Option(names = "--nic", paramLabel = "PORTGROUP", arity = "0..1", fallbackValue = ONLY_PORT_GROUP,
            description = "A NIC on this port group (name or id), or on the only one when left out; repeat for more.")
    List<String> nics;

    @Option(names = "--boot", paramLabel = "DEVICES", description = "Boot order, e.g. disk,network.")
    String boot;

    @Option(names = "--cpu-shares", paramLabel = "LEVEL", description = "low, normal, high or a number.")
    String cpuShares;

    @Option(names = "--cpu-reservation-mhz", paramLabel = "MHZ", description = "Guaranteed CPU.")
    Long cpuReservationMhz;

    @Option(names = "--cpu-limit-mhz", paramLabel = "MHZ", description = "CPU cap.")
    Long cpuLimitMhz;

    @Option(names = "--mem-shares", paramLabel = "LEVEL", description = "low, normal, high or a number.")
    String memShares;

    @Option(names = "--mem-reservation-mb", paramLabel = "MB", description = "Guaranteed memory.")
    Long memReservationMb;

    @Option(names = "--mem-limit-mb", paramLabel = "MB", description = "Memory cap.")
    Long memLimitMb;

    /** Parses everything first, so a typo fails before any request; then resolves the references. */
    Shape shape(Resolver resolver) {
        Long memory = Units.memoryMb("--memory-mb", memoryMb, "--memory-gb", memoryGb);
        List<DiskSpec> diskSpecs = disks == null ? null : disks.stream().map(DiskSpec::parse).toList();
        List<String> bootOrder = bootOrder(boot);
        CpuQos cpu = cpuQos();
        MemoryQos mem = memoryQos();

        Map<String, String> datastoreIds = new HashMap<>();
        List<DiskCreate> diskList = diskSpecs == null ? null : diskSpecs.stream()
                .map(d -> new DiskCreate(d.sizeMb(), d.datastore() == null ? null : datastoreIds.computeIfAbsent(
                        d.datastore(), ds -> resolver.id(Kind.DATASTORE, ds)), d.provisioning(), null, null, d.image()))
                .toList();
        List<NicCreate> nicList = null;
        if (nics != null) {
            Map<String, String> portGroupIds = new HashMap<>();
            nicList = new ArrayList<>();
            for (String pg : nics) {
                nicList.add(new NicCreate(pg.equals(ONLY_PORT_GROUP) ? null
                        : portGroupIds.computeIfAbsent(pg, p -> resolver.id(Kind.PORTGROUP, p)), null, null, null));
            }
        }
        return new Shape(cpus, maxCpus, memory, diskList, nicList, bootOrder, cpu, mem);
    }

    CpuQos cpuQos() {
        if (cpuShares == null && cpuReservationMhz == null && cpuLimitMhz == null) {
            return null;
        }
        Shares s = cpuShares == null ? null : Shares.parse("--cpu-shares", cpuShares);
        return new CpuQos(s == null ? null : s.level(), s == null ? null : s.shares(), cpuReservationMhz,
                cpuLimitMhz);
    }

    MemoryQos memoryQos() {
        if (memShares == null && memReservationMb == null && memLimitMb == null) {
            return null;
        }
        Shares s = memShares == null ? null : Shares.parse("--mem-shares", memShares);
        return new MemoryQos(s == null ? null : s.level(), s == null ? null : s.shares(), memReservationMb,
                memLimitMb);
    }

    /** {@code disk,network} to the API's list; the manager checks the device names. */
    static List<String> bootOrder(String text) {
        if (text == null) {
            return null;
        }
        List<String> devices = Arrays.stream(text.split(",", -1)).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (devices.stream().anyMatch(String::isEmpty)) {
            throw new CliException.Usage("--boot '" + text + "' must list devices separated by commas, "
                    + "e.g. disk,network");
        }
        return devices;
    }
}
