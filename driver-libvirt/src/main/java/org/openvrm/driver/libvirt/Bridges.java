package org.openvrm.driver.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;

/**
 * Makes sure the Linux bridge of each NIC's port group exists on this host, creating it (up, no address) when it
 * is missing: the agent owns its host's port group bridges. A name taken by something that is not a bridge, or a
 * bridge that cannot be made, is a bad reference, found before anything is defined.
 */
final class Bridges {

    /** Linux interface names: at most 15 characters, no slash or whitespace. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private final Path sysClassNet;
    private final String ip;

    Bridges(Path sysClassNet, String ip) {
        this.sysClassNet = sysClassNet;
        this.ip = ip;
    }

    static Bridges local() {
        return new Bridges(Path.of("/sys/class/net"), "/sbin/ip");
    }

    void ensure(DomainSpec spec) {
        for (DomainSpec.NicSpec nic : spec.nics()) {
            ensure(nic.network());
        }
    }

    synchronized void ensure(String bridge) {
        if (!NAME.matcher(bridge).matches()) {
            throw bad(bridge, "not a valid Linux interface name");
        }
        Path dev = sysClassNet.resolve(bridge);
        if (Files.exists(dev)) {
            if (!Files.isDirectory(dev.resolve("bridge"))) {
                throw bad(bridge, "an interface of that name exists and is not a bridge");
            }
            return;
        }
        run(bridge, List.of(ip, "link", "add", "name", bridge, "type", "bridge"));
        run(bridge, List.of(ip, "link", "set", bridge, "up"));
    }

    private static void run(String bridge, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw bad(bridge, String.join(" ", command) + " did not finish in 30 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw bad(bridge, String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw bad(bridge, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(Reason.FAILED, "interrupted while making bridge " + bridge);
        }
    }

    private static DriverException bad(String bridge, String why) {
        return new DriverException(Reason.BAD_REFERENCE, "the port group's bridge " + bridge
                + " cannot be made: " + why);
    }
}
