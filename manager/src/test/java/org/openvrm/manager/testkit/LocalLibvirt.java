package org.openvrm.manager.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * This machine's libvirtd as the manager's libvirt tests need it: reachable (else the test is skipped, or fails when
 * CI=true), virsh, datastore directories under /var/lib/openvrm-test, and stopping and starting the daemon the way
 * scripts/host-setup does (plain daemons, no systemd).
 */
public final class LocalLibvirt {

    public static final String URI = "qemu:///system";
    public static final Path DATASTORES = Path.of("/var/lib/openvrm-test");
    private static final Path PID_FILE = Path.of("/run/libvirtd.pid");

    public record Result(int exit, String output) {
    }

    private LocalLibvirt() {
    }

    /** Skips the calling test (or fails it in CI) when libvirtd cannot be reached. */
    public static void requireReachable() {
        if (answers()) {
            return;
        }
        String why = "libvirtd is not reachable at " + URI + "; scripts/host-setup starts it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why);
        }
        Assumptions.abort(why);
    }

    public static boolean answers() {
        try {
            return run(Duration.ofSeconds(10), "virsh", "-q", "-c", URI, "version").exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** guest/out/tiny-guest.qcow2; the test is skipped outside CI when it is not built. */
    public static Path tinyGuest() {
        Path image = repoRoot().resolve("guest/out/tiny-guest.qcow2");
        Assumptions.assumeTrue(Files.isReadable(image) || "true".equals(System.getenv("CI")),
                "the tiny guest is not built; guest/build makes it");
        return image;
    }

    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("guest/build"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a directory holding guest/build)");
        }
        return dir;
    }

    /** A fresh datastore directory (mode 0755, so the QEMU user can reach the disks in it). */
    public static Path newDatastore(String label) throws IOException {
        Files.createDirectories(DATASTORES);
        Path dir = DATASTORES.resolve(label + "-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return dir;
    }

    public static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Removes the QEMU and serial logs of domains named {@code prefix...} that no longer exist: libvirt leaves them
     * for the operator by design; a test's go with its domains.
     */
    public static void deleteLogsOfGoneDomains(String prefix) throws IOException {
        for (Path log : files(Path.of("/var/log/libvirt/qemu"))) {
            String file = log.getFileName().toString();
            String domain = file.replaceFirst("(-serial)?\\.log$", "");
            if (file.startsWith(prefix) && file.endsWith(".log") && !domainExists(domain)) {
                Files.deleteIfExists(log);
            }
        }
    }

    public static boolean domainExists(String name) throws IOException {
        return run(Duration.ofSeconds(30), "virsh", "-q", "-c", URI, "dominfo", name).exit() == 0;
    }

    /** virsh against qemu:///system, its exit status and output as they are. */
    public static Result virshResult(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", URI));
        command.addAll(List.of(args));
        return run(Duration.ofSeconds(60), command.toArray(String[]::new));
    }

    /** virsh against qemu:///system; throws on a non-zero exit. */
    public static String virsh(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", URI));
        command.addAll(List.of(args));
        Result r = run(Duration.ofSeconds(60), command.toArray(String[]::new));
        if (r.exit() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + r.output());
        }
        return r.output();
    }

    /** Stops libvirtd (SIGTERM, as an operator would) and waits until it is gone; running guests stay up. */
    public static void stopDaemon() throws IOException, InterruptedException {
        long pid = daemonPid();
        run(Duration.ofSeconds(10), "kill", "-TERM", Long.toString(pid));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("libvirtd (pid " + pid + ") did not stop within 60 s");
            }
            Thread.sleep(100);
        }
    }

    /** From the pid file scripts/host-setup's `libvirtd -d` writes, else the process named libvirtd. */
    private static long daemonPid() throws IOException {
        if (Files.isRegularFile(PID_FILE)) {
            return Long.parseLong(Files.readString(PID_FILE).strip());
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/libvirtd")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IOException("libvirtd is not running (no " + PID_FILE + ", no process)"));
    }

    /** Starts libvirtd when it does not answer (scripts/host-setup) and waits until it answers. */
    public static void startDaemon() throws IOException, InterruptedException {
        if (answers()) {
            return;
        }
        // Output to a file, not a pipe: the daemons it starts must not hold our end open.
        Path log = Files.createTempFile("vrm-host-setup-", ".log");
        try {
            Process p = new ProcessBuilder(repoRoot().resolve("scripts/host-setup").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!answers()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("libvirtd does not answer after scripts/host-setup: "
                            + Files.readString(log));
                }
                Thread.sleep(200);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Whether a process has a connection open to libvirtd now (virt-admin lists the daemon's clients). */
    public static boolean hasClient(long pid) throws IOException {
        Result list = run(Duration.ofSeconds(20), "virt-admin", "-q", "client-list", "libvirtd");
        for (String line : list.output().split("\n")) {
            String id = line.strip().split("\\s+")[0];
            if (!id.matches("\\d+")) {
                continue;
            }
            Result info = run(Duration.ofSeconds(20), "virt-admin", "-q", "client-info", "libvirtd", id);
            for (String field : info.output().split("\n")) {
                String[] kv = field.split(":", 2);
                if (kv.length == 2 && kv[0].strip().equals("unix_process_id")
                        && kv[1].strip().equals(Long.toString(pid))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The pid of a running domain's QEMU, from libvirt's status directory. */
    public static long qemuPid(String domain) throws IOException {
        return Long.parseLong(Files.readString(Path.of("/run/libvirt/qemu", domain + ".pid")).strip());
    }

    public static Result run(Duration limit, String... command) throws IOException {
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
}
