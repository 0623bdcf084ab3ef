package org.openvrm.driver.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.openvrm.driver.HostInventory;
import org.openvrm.driver.VirtualizationType;

/**
 * The host's hardware from libvirt. libvirt's nodeinfo counts sockets per NUMA node and, on some hosts, memory of
 * NUMA cell 0 only: sockets are multiplied by the nodes (so logical CPUs = sockets x cores x threads holds) and the
 * memory of a local host comes from /proc/meminfo.
 */
final class InventoryReader {

    private static final Pattern MODEL = Pattern.compile("<host>.*?<cpu>.*?<model>([^<]+)</model>", Pattern.DOTALL);
    private static final Pattern VENDOR = Pattern.compile("<host>.*?<cpu>.*?<vendor>([^<]+)</vendor>", Pattern.DOTALL);
    private static final Pattern MEM_TOTAL = Pattern.compile("^MemTotal:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);

    private InventoryReader() {
    }

    static HostInventory read(Connection.Open c, String capabilities, boolean local, VirtualizationType virt)
            throws LibvirtException {
        NodeInfo node = c.nodeInfo();
        int nodes = Math.max(1, node.nodes);
        int sockets = Math.max(1, node.sockets) * nodes;
        int cores = Math.max(1, node.cores);
        int threads = Math.max(1, node.threads);
        long memoryKb = local ? memTotalKb(node.memory * nodes) : node.memory * nodes;
        return new HostInventory(c.getHostName(), cpuModel(capabilities, node.model), sockets, cores, threads,
                sockets * cores * threads, Math.max(1, node.mhz), Math.max(1, memoryKb / 1024), nodes, virt);
    }

    static String cpuModel(String capabilities, String fallback) {
        Matcher model = MODEL.matcher(capabilities);
        if (!model.find()) {
            return fallback;
        }
        Matcher vendor = VENDOR.matcher(capabilities);
        return vendor.find() ? vendor.group(1).strip() + " " + model.group(1).strip() : model.group(1).strip();
    }

    private static long memTotalKb(long fallbackKb) {
        try {
            Matcher m = MEM_TOTAL.matcher(Files.readString(Path.of("/proc/meminfo")));
            return m.find() ? Long.parseLong(m.group(1)) : fallbackKb;
        } catch (IOException | RuntimeException e) {
            return fallbackKb;
        }
    }
}
