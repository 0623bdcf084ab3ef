package org.openvrm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Part 4 of the real-guest benchmark: how long the API takes to show a change nobody asked for through it. A guest's
 * QEMU killed with SIGKILL, and a guest powering itself off (guest-exec {@code poweroff}), each timed until the
 * API's VM view leaves RUNNING, and apart from it until the QEMU process is gone, so the report can tell the
 * guest's own shutdown from the product's reaction.
 */
final class EventLatency {

    /**
     * One try, in ms from the trigger: the QEMU process exited, libvirt's {@code virsh domstate} "shut off"
     * (polled by a virsh process after another, so about 0.1 s coarse), the API showing {@code state}.
     */
    record Try(double qemuGoneMs, double libvirtMs, double apiMs, String state) {}

    record Outcome(List<Try> kills, List<Try> poweroffs) {}

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final long POLL_MILLIS = 10;
    private static final String POWEROFF = """
            {"execute":"guest-exec","arguments":{"path":"/bin/sh","arg":["-c","poweroff"]}}""";

    private final Lab lab;

    EventLatency(Lab lab) {
        this.lab = lab;
    }

    Outcome run(int tries) {
        String vm = lab.change("/vms", lab.vmBody("events", 128), BOOT).task().get("targetId").asText();
        String domain = lab.domainOf(vm);
        try {
            List<Try> kills = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                lab.change("/vms/" + vm + "/start", null, BOOT);
                Lab.sleep(1000); // QEMU settled and the guest booting, as a VM in use would be
                long qemu = qemuOf(domain);
                long t0 = System.nanoTime();
                if (!ProcessHandle.of(qemu).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    throw new IllegalStateException("could not SIGKILL QEMU " + qemu);
                }
                kills.add(follow(vm, domain, qemu, t0));
                CreateStartBench.log("kill -9: " + kills.getLast());
            }
            List<Try> poweroffs = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                lab.change("/vms/" + vm + "/start", null, BOOT);
                if (lab.awaitAgent(domain, BOOT) < 0) {
                    throw new IllegalStateException("the guest agent of " + domain + " did not answer in " + BOOT);
                }
                long qemu = qemuOf(domain);
                Shell.must(Shell.virsh("qemu-agent-command", domain, POWEROFF), "guest-exec poweroff");
                poweroffs.add(follow(vm, domain, qemu, System.nanoTime()));
                CreateStartBench.log("guest poweroff: " + poweroffs.getLast());
            }
            return new Outcome(kills, poweroffs);
        } finally {
            lab.removeVm(vm);
        }
    }

    /** Polls the process and the API together until the API shows the VM out of RUNNING (and steady). */
    private Try follow(String vm, String domain, long qemu, long t0) {
        var libvirt = new java.util.concurrent.atomic.AtomicLong(-1);
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (libvirt.get() < 0 && System.nanoTime() - t0 < BOOT.toNanos()) {
                if (Shell.virsh("domstate", domain).out().strip().startsWith("shut off")) {
                    libvirt.set(System.nanoTime());
                } else {
                    Lab.sleep(20);
                }
            }
        });
        try {
            return followApi(vm, qemu, t0, libvirt);
        } finally {
            joinQuietly(watcher);
        }
    }

    private Try followApi(String vm, long qemu, long t0, java.util.concurrent.atomic.AtomicLong libvirt) {
        long gone = -1;
        while (true) {
            long now = System.nanoTime();
            if (gone < 0 && exited(qemu)) {
                gone = now;
            }
            String state = lab.vmState(vm);
            if (!state.equals("RUNNING") && !state.endsWith("ING")) {
                long seen = System.nanoTime();
                if (gone < 0 && exited(qemu)) {
                    gone = seen;
                }
                // libvirt's answer may still be on its way: the watcher stops at its first "not running".
                long deadline = System.nanoTime() + BOOT.toNanos();
                while (libvirt.get() < 0 && System.nanoTime() < deadline) {
                    Lab.sleep(5);
                }
                return new Try(gone < 0 ? Double.NaN : (gone - t0) / 1e6, (libvirt.get() - t0) / 1e6,
                        (seen - t0) / 1e6, state);
            }
            if (now - t0 > BOOT.toNanos()) {
                throw new IllegalStateException("VM " + vm + " still " + state + " after " + BOOT);
            }
            Lab.sleep(POLL_MILLIS);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pid of the domain's QEMU, from the pid file libvirt keeps for it. */
    static long qemuOf(String domain) {
        Path pidFile = Path.of("/run/libvirt/qemu/" + domain + ".pid");
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + pidFile, e);
        }
    }

    /** Whether the process has exited: gone from /proc, or a zombie not reaped yet (its exit is what counts). */
    private static boolean exited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }
}
