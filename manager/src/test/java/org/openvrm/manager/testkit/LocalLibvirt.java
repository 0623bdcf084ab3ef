package org.openvrm.manager.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** This machine's libvirtd for tests that drive real QEMU: whether it answers, virsh, and the tiny test guest. */
public final class LocalLibvirt {

    private LocalLibvirt() {}

    /** Aborts the test when libvirtd does not answer (a failure in CI, where it must). */
    public static void require() throws IOException, InterruptedException {
        if (virsh("version").exit() != 0) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("libvirtd is not reachable: run the tests through scripts/test");
            }
            Assumptions.abort("libvirtd is not reachable here; scripts/host-setup starts it");
        }
    }

    /** The tiny guest's image (guest/out), or an aborted test when it is not built (a failure in CI). */
    public static Path tinyGuest() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("guest/build"))) {
            dir = dir.getParent();
        }
        Path image = (dir == null ? Path.of("/nonexistent") : dir).resolve("guest/out/tiny-guest.qcow2");
        Assumptions.assumeTrue(Files.isReadable(image) || "true".equals(System.getenv("CI")),
                "the tiny guest is not built; guest/build makes it");
        return image;
    }

    public record Result(int exit, String out) {}

    public static Result virsh(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "virsh";
        command[1] = "-c";
        command[2] = "qemu:///system";
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1, out);
    }
}
