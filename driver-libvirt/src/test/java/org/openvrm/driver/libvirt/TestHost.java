package org.openvrm.driver.libvirt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.DomainSpec.NicSpec;

/**
 * The real host the libvirt tests run on: libvirtd reachable (else skipped, or failed when CI=true), the tiny guest
 * built (guest/build when missing), a test bridge without an address, and a datastore directory per test class under
 * /var/lib/openvrm-test that the QEMU user can search. Domains are named vrm-test-*.
 */
final class TestHost {

    static final String PREFIX = "vrm-test-";
    static final String BRIDGE = "vrmtest0";
    static final Path DATASTORES = Path.of("/var/lib/openvrm-test");

    private TestHost() {
    }

    /** Skips the calling test class (or fails it in CI) when libvirtd cannot be reached. */
    static void requireLibvirt() {
        String why = null;
        try {
            Result r = run(Duration.ofSeconds(20), "virsh", "-c", LibvirtConfig.DEFAULT_URI, "version");
            if (r.exit() != 0) {
                why = "virsh version failed: " + r.output();
            }
        } catch (IOException e) {
            why = "virsh is not installed: " + e.getMessage();
        }
        if (why != null) {
            String message = "libvirtd is not reachable at " + LibvirtConfig.DEFAULT_URI + " (" + why
                    + "); run scripts/host-setup as root";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            assumeTrue(false, message);
        }
    }

    static LibvirtConfig config() {
        return LibvirtConfig.fromEnvironment(System.getenv()).withNamePrefix(PREFIX);
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("guest"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a directory holding guest/)");
        }
        return dir;
    }

    /** guest/out/tiny-guest.qcow2, built first when it is missing. */
    static Path tinyGuest() {
        Path image = repoRoot().resolve("guest/out/tiny-guest.qcow2");
        if (!Files.isRegularFile(image)) {
            try {
                Result r = run(Duration.ofMinutes(5), repoRoot().resolve("guest/build").toString());
                if (r.exit() != 0) {
                    throw new AssertionError("guest/build failed: " + r.output());
                }
            } catch (IOException e) {
                throw new AssertionError("cannot run guest/build", e);
            }
        }
        return image;
    }

    /** The test bridge (no address: only our own guests are on it). */
    static String bridge() {
        try {
            if (!Files.isDirectory(Path.of("/sys/class/net", BRIDGE))) {
                run(Duration.ofSeconds(10), "ip", "link", "add", BRIDGE, "type", "bridge");
            }
            run(Duration.ofSeconds(10), "ip", "link", "set", BRIDGE, "up");
        } catch (IOException e) {
            throw new AssertionError("cannot create bridge " + BRIDGE, e);
        }
        return BRIDGE;
    }

    /** A fresh datastore directory (mode 0755) for one test class. */
    static Path newDatastore(String label) {
        try {
            Files.createDirectories(DATASTORES);
            Path dir = DATASTORES.resolve(label + "-" + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            DATASTORES.toFile().setExecutable(true, false);
            DATASTORES.toFile().setReadable(true, false);
            return dir;
        } catch (IOException e) {
            throw new AssertionError("cannot make a datastore under " + DATASTORES, e);
        }
    }

    /** Removes a datastore directory and the logs of test domains (vrm-test-*) that no longer exist. */
    static void cleanUp(Path datastore) {
        try (Stream<Path> files = Files.walk(datastore)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort
        }
        List<String> alive = List.of(virsh("list", "--all", "--name").split("\\s+"));
        try (Stream<Path> logs = Files.list(Path.of("/var/log/libvirt/qemu"))) {
            for (Path log : logs.toList()) {
                String file = log.getFileName().toString();
                String domain = file.replaceFirst("(-serial)?\\.log$", "");
                if (file.startsWith(PREFIX) && file.endsWith(".log") && !alive.contains(domain)) {
                    Files.deleteIfExists(log);
                }
            }
        } catch (IOException e) {
            // best effort
        }
    }

    /** A tiny-guest VM: 1 vCPU, 256 MB, a linked clone of the tiny guest, one NIC on the test bridge. */
    static DomainSpec tinySpec(String vmId, Path datastore) {
        return new DomainSpec(vmId, "tiny " + vmId, 1, 1, 2, 256,
                List.of(new DiskSpec("root", 64, datastore.toString(), tinyGuest().toString(), false, "virtio")),
                List.of(new NicSpec(macOf(vmId), bridge(), "virtio")),
                List.of("disk"));
    }

    /** A locally administered MAC derived from the vmId. */
    static String macOf(String vmId) {
        int h = vmId.hashCode();
        return String.format("52:54:00:%02x:%02x:%02x", (h >> 16) & 0xff, (h >> 8) & 0xff, h & 0xff);
    }

    record Result(int exit, String output) {
    }

    /** Powers off (when it runs) and undefines a test domain with its volumes and snapshots. */
    static void remove(LibvirtDriver driver, String vmId) {
        try {
            driver.destroy(vmId, org.openvrm.driver.ProgressSink.NONE);
        } catch (org.openvrm.driver.DriverException ignored) {
            // not there
        }
        driver.undefine(vmId, org.openvrm.driver.ProgressSink.NONE);
    }

    static Result run(Duration limit, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took longer than " + limit);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** virsh against the test connection; fails the test on a non-zero exit. */
    static String virsh(String... args) {
        List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", LibvirtConfig.DEFAULT_URI));
        command.addAll(List.of(args));
        try {
            Result r = run(Duration.ofSeconds(60), command.toArray(String[]::new));
            if (r.exit() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + r.output());
            }
            return r.output();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
