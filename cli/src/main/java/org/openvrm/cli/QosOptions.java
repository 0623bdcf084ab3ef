package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvrm.api.CpuQos;
import org.openvrm.api.DiskIoLimits;
import org.openvrm.api.MemoryQos;
import org.openvrm.api.NetworkQos;
import org.openvrm.api.VmQosUpdate;
import picocli.CommandLine.Option;

/**
 * The options of {@code vrm vm qos set}. Each changes only what it names, on top of the VM's QoS as the manager
 * holds it now (the API replaces a part whole, so the CLI sends the whole part with the named values changed);
 * {@code none} removes a limit. Units are the API's: MHz, MB, KB/s, IOPS, Mbit/s, KB.
 */
final class QosOptions {

    static final Map<String, String> DISK_KEYS = Map.of("read-kbps", "readKBps", "write-kbps", "writeKBps",
            "total-kbps", "totalKBps", "read-iops", "readIops", "write-iops", "writeIops", "total-iops", "totalIops");
    static final List<String> NIC_KEYS = List.of("in-avg-mbps", "in-peak-mbps", "in-burst-kb", "out-avg-mbps",
            "out-peak-mbps", "out-burst-kb");

    @Option(names = "--cpu-shares", paramLabel = "LEVEL", description = "low, normal, high (500/1000/2000 per vCPU) "
            + "or a number.")
    String cpuShares;

    @Option(names = "--cpu-reservation-mhz", paramLabel = "MHZ", description = "Guaranteed CPU, MHz; 0 for none.")
    Long cpuReservation;

    @Option(names = "--cpu-limit-mhz", paramLabel = "MHZ|none", description = "CPU cap, MHz; none removes it.")
    String cpuLimit;

    @Option(names = "--mem-shares", paramLabel = "LEVEL", description = "low, normal, high (5/10/20 per MB) or a "
            + "number.")
    String memShares;

    @Option(names = "--mem-reservation-mb", paramLabel = "MB", description = "Guaranteed memory, MB; 0 for none.")
    Long memReservation;

    @Option(names = "--mem-limit-mb", paramLabel = "MB|none", description = "Memory cap, MB, at most the VM's "
            + "memory; none = the VM's memory.")
    String memLimit;

    @Option(names = "--disk", paramLabel = "DISK:KEY=VALUE,...", description = "A disk (index or id) and its limits: "
            + "read-kbps, write-kbps, total-kbps (KB/s), read-iops, write-iops, total-iops; VALUE none removes one, "
            + "DISK:none all. Repeatable. e.g. --disk 0:write-kbps=2048,read-iops=100")
    List<String> disks = new ArrayList<>();

    @Option(names = "--nic", paramLabel = "NIC:KEY=VALUE,...", description = "A NIC (index or id) and its own "
            + "shaping: in-avg-mbps, in-peak-mbps, in-burst-kb, out-avg-mbps, out-peak-mbps, out-burst-kb; VALUE "
            + "none removes one, NIC:inherit follows the port group again. Repeatable. e.g. --nic 0:in-avg-mbps=8")
    List<String> nics = new ArrayList<>();

    boolean empty() {
        return cpuShares == null && cpuReservation == null && cpuLimit == null && memShares == null
                && memReservation == null && memLimit == null && disks.isEmpty() && nics.isEmpty();
    }

    /** The request for {@code vm} (its JSON as the API shows it): the named values changed, the rest as they are. */
    VmQosUpdate update(JsonNode vm) {
        CpuQos cpu = null;
        if (cpuShares != null || cpuReservation != null || cpuLimit != null) {
            JsonNode c = vm.path("cpuQos");
            Shares shares = cpuShares != null ? Shares.parse("--cpu-shares", cpuShares) : current(c);
            cpu = new CpuQos(shares.level(), shares.shares(),
                    cpuReservation != null ? cpuReservation : longOrNull(c.path("reservationMhz")),
                    cpuLimit != null ? limit("--cpu-limit-mhz", cpuLimit) : longOrNull(c.path("limitMhz")));
        }
        MemoryQos mem = null;
        if (memShares != null || memReservation != null || memLimit != null) {
            JsonNode m = vm.path("memoryQos");
            Shares shares = memShares != null ? Shares.parse("--mem-shares", memShares) : current(m);
            mem = new MemoryQos(shares.level(), shares.shares(),
                    memReservation != null ? memReservation : longOrNull(m.path("reservationMb")),
                    memLimit != null ? limit("--mem-limit-mb", memLimit) : longOrNull(m.path("limitMb")));
        }
        List<VmQosUpdate.DiskQos> diskChanges = disks.isEmpty() ? null : new ArrayList<>();
        for (String d : disks) {
            diskChanges.add(disk(vm, d));
        }
        List<VmQosUpdate.NicQos> nicChanges = nics.isEmpty() ? null : new ArrayList<>();
        for (String n : nics) {
            nicChanges.add(nic(vm, n));
        }
        return new VmQosUpdate(cpu, mem, diskChanges, nicChanges);
    }

    private static Shares current(JsonNode qos) {
        String level = qos.path("sharesLevel").asText("NORMAL");
        return "CUSTOM".equals(level) ? new Shares("CUSTOM", qos.path("shares").asLong()) : new Shares(level, null);
    }

    private static VmQosUpdate.DiskQos disk(JsonNode vm, String option) {
        String[] target = split("--disk", option);
        String id = VmDiskCommand.diskId(vm, target[0]);
        if (target[1].equals("none")) {
            return new VmQosUpdate.DiskQos(id, null);
        }
        JsonNode now = null;
        for (JsonNode d : vm.path("disks")) {
            if (d.path("id").asText().equals(id)) {
                now = d.path("ioLimits");
            }
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String field : DISK_KEYS.values()) {
            values.put(field, now == null ? null : longOrNull(now.path(field)));
        }
        keyValues("--disk", target[1]).forEach((key, value) -> {
            String field = DISK_KEYS.get(key);
            if (field == null) {
                throw new CliException.Usage("--disk: unknown limit '" + key + "'; limits: "
                        + DISK_KEYS.keySet().stream().sorted().toList());
            }
            values.put(field, value);
        });
        return new VmQosUpdate.DiskQos(id, new DiskIoLimits(values.get("readKBps"), values.get("writeKBps"),
                values.get("totalKBps"), values.get("readIops"), values.get("writeIops"), values.get("totalIops")));
    }

    private static VmQosUpdate.NicQos nic(JsonNode vm, String option) {
        String[] target = split("--nic", option);
        JsonNode nic = nicOf(vm, target[0]);
        String id = nic.path("id").asText();
        if (target[1].equals("inherit")) {
            return new VmQosUpdate.NicQos(id, null);
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String key : NIC_KEYS) {
            String dir = key.startsWith("in-") ? "inbound" : "outbound";
            String field = key.contains("avg") ? "averageMbps" : key.contains("peak") ? "peakMbps" : "burstKb";
            values.put(key, longOrNull(nic.path("qos").path(dir).path(field)));
        }
        keyValues("--nic", target[1]).forEach((key, value) -> {
            if (!values.containsKey(key)) {
                throw new CliException.Usage("--nic: unknown setting '" + key + "'; settings: " + NIC_KEYS);
            }
            values.put(key, value);
        });
        return new VmQosUpdate.NicQos(id, new NetworkQos(
                shaping(values.get("in-avg-mbps"), values.get("in-peak-mbps"), values.get("in-burst-kb")),
                shaping(values.get("out-avg-mbps"), values.get("out-peak-mbps"), values.get("out-burst-kb"))));
    }

    /** The NIC from its index or id as typed; anything else lists the VM's NICs. */
    static JsonNode nicOf(JsonNode vm, String typed) {
        List<String> known = new ArrayList<>();
        for (JsonNode n : vm.path("nics")) {
            if (n.path("id").asText().equals(typed) || Integer.toString(n.path("index").asInt()).equals(typed)) {
                return n;
            }
            known.add(n.path("index").asInt() + " (" + n.path("id").asText() + ", " + n.path("mac").asText() + ")");
        }
        throw new CliException.NotFound("VM " + vm.path("name").asText() + " has no NIC '" + typed + "'; "
                + (known.isEmpty() ? "it has no NICs" : "its NICs: " + String.join(", ", known)));
    }

    private static NetworkQos.Shaping shaping(Long avg, Long peak, Long burst) {
        return avg == null && peak == null && burst == null ? null : new NetworkQos.Shaping(avg, peak, burst);
    }

    private static String[] split(String option, String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            throw new CliException.Usage(option + " must be ID:KEY=VALUE,..., got '" + text + "'");
        }
        return new String[] {text.substring(0, colon), text.substring(colon + 1)};
    }

    /** {@code a=1,b=none} to a map; none is null (no limit). */
    static Map<String, Long> keyValues(String option, String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new CliException.Usage(option + ": '" + pair + "' must be KEY=VALUE");
            }
            String key = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            out.put(key, limit(option + " " + key, pair.substring(eq + 1).strip()));
        }
        return out;
    }

    /** A whole number, or none (null). The manager checks the ranges, with every rule at once. */
    static Long limit(String option, String text) {
        if (text.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CliException.Usage(option + " must be a whole number or none, got '" + text + "'");
        }
    }

    private static Long longOrNull(JsonNode n) {
        return n.isNumber() ? n.asLong() : null;
    }
}
