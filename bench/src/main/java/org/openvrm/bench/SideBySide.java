package org.openvrm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parts 1 and 2 of the real-guest benchmark: the tiny guest made and started through the REST API (A) against
 * {@code virsh create} of the same domain XML (B), interleaved A, B, A, B... so both see the same machine. Each round
 * times until the VM runs, then until its guest agent answers, then tears the guest down (untimed).
 */
final class SideBySide {

    /**
     * One API round, every figure in milliseconds. The six parts follow each other and add up to {@code running}
     * (up to the manager's millisecond timestamps): request sent -> task recorded ({@code intake}), task recorded ->
     * task finished ({@code task}), finished -> seen by the client's polling ({@code poll}), for create then start.
     * The POST round trips overlap intake and task, so they are reported apart.
     */
    record ApiRound(double running, double createIntake, double createTask, double createPoll, double startIntake,
                    double startTask, double startPoll, double createPost, double startPost, double agentFromStart,
                    double cpuWhileBooting) {}

    /**
     * One virsh round in milliseconds: overlay, {@code virsh create}, {@code domstate} polls; agent from create.
     * {@code virshStart}: {@code virsh start} of the same XML defined first (untimed), a persistent domain as the
     * driver starts it, to tell libvirt's transient/persistent difference from the product's own time.
     */
    record VirshRound(double running, double qemuImg, double virshCreate, double domstate, double agentFromStart,
                      double cpuWhileBooting, double virshStart) {}

    record Outcome(List<ApiRound> api, List<VirshRound> virsh, String domainXmlNote) {}

    private static final Duration BOOT = Duration.ofMinutes(3);

    private final Lab lab;
    private String xmlTemplate;
    private String templateName;
    private String templateDisk;

    SideBySide(Lab lab) {
        this.lab = lab;
    }

    Outcome run(int rounds) throws IOException {
        // Warm-up round, not counted: JIT, libvirt caches, and the API-made domain whose XML B uses.
        apiRound("warm");
        virshRound("warm");
        List<ApiRound> a = new ArrayList<>();
        List<VirshRound> b = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            a.add(apiRound(String.valueOf(i)));
            b.add(virshRound(String.valueOf(i)));
            CreateStartBench.log(String.format("round %d: API %.0f ms (agent %.0f ms), virsh %.0f ms (agent %.0f ms)",
                    i, a.getLast().running(), a.getLast().agentFromStart(), b.getLast().running(),
                    b.getLast().agentFromStart()));
        }
        return new Outcome(a, b, "from `virsh dumpxml --inactive` of " + templateName);
    }

    private ApiRound apiRound(String tag) {
        long t0 = System.nanoTime();
        long t0Ms = System.currentTimeMillis();
        Api.Reply created = lab.accept("/vms", lab.vmBody("side-" + tag, 128));
        Lab.Seen create = lab.awaitTask(created.body().get("id").asText(), BOOT);
        if (!"SUCCEEDED".equals(create.task().get("state").asText())) {
            throw new IllegalStateException("create failed: " + create.task());
        }
        String vm = create.task().get("targetId").asText();
        if (xmlTemplate == null) {
            templateName = lab.domainOf(vm);
            xmlTemplate = Shell.must(Shell.virsh("dumpxml", "--inactive", templateName), "dumpxml").out();
            templateDisk = lab.datastore().toString();
        }
        long s0 = System.nanoTime();
        long s0Ms = System.currentTimeMillis();
        long cpu0 = jvmCpuNanos();
        Api.Reply started = lab.accept("/vms/" + vm + "/start", null);
        long running = lab.awaitVmState(vm, BOOT, "RUNNING");
        long runningMs = s0Ms + (running - s0) / 1_000_000;
        Lab.Seen start = lab.awaitTask(started.body().get("id").asText(), BOOT);
        long agent = lab.awaitAgent(lab.domainOf(vm), BOOT);
        double cpu = (jvmCpuNanos() - cpu0) / 1e6;
        lab.removeVm(vm);
        if (agent < 0) {
            throw new IllegalStateException("the guest agent of " + vm + " did not answer in " + BOOT);
        }
        return new ApiRound((running - t0) / 1e6, create.createdMillis() - t0Ms,
                create.finishedMillis() - create.createdMillis(), create.observedMillis() - create.finishedMillis(),
                start.createdMillis() - s0Ms, start.finishedMillis() - start.createdMillis(),
                runningMs - start.finishedMillis(), created.nanos() / 1e6, started.nanos() / 1e6,
                (agent - s0) / 1e6, cpu);
    }

    private VirshRound virshRound(String tag) throws IOException {
        String name = lab.virshPrefix() + tag;
        Path overlay = lab.datastore().resolve(name + ".qcow2");
        Path xml = lab.datastore().resolve(name + ".xml");
        Files.writeString(xml, domainXml(name, overlay));
        try {
            long t0 = System.nanoTime();
            Shell.Result img = Shell.must(Shell.run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                    lab.image().toString(), overlay.toString()), "qemu-img create");
            long c0 = System.nanoTime();
            long cpu0 = jvmCpuNanos();
            Shell.Result create = Shell.must(Shell.virsh("create", xml.toString()), "virsh create");
            long d0 = System.nanoTime();
            while (!Shell.virsh("domstate", name).out().strip().startsWith("running")) {
                if (System.nanoTime() - d0 > BOOT.toNanos()) {
                    throw new IllegalStateException(name + " not running after " + BOOT);
                }
            }
            long running = System.nanoTime();
            long agent = lab.awaitAgent(name, BOOT);
            double cpu = (jvmCpuNanos() - cpu0) / 1e6;
            if (agent < 0) {
                throw new IllegalStateException("the guest agent of " + name + " did not answer in " + BOOT);
            }
            Shell.virsh("destroy", name); // a transient domain: destroying it removes it
            return new VirshRound((running - t0) / 1e6, img.nanos() / 1e6, create.nanos() / 1e6,
                    (running - d0) / 1e6, (agent - c0) / 1e6, cpu, persistentStart(name + "-p"));
        } finally {
            Shell.virsh("destroy", name);
            Files.deleteIfExists(overlay);
            Files.deleteIfExists(xml);
        }
    }

    /** {@code virsh start} of a domain defined beforehand from the same XML; the QEMU is destroyed at once. */
    private double persistentStart(String name) throws IOException {
        Path overlay = lab.datastore().resolve(name + ".qcow2");
        Path xml = lab.datastore().resolve(name + ".xml");
        Files.writeString(xml, domainXml(name, overlay));
        try {
            Shell.must(Shell.run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                    lab.image().toString(), overlay.toString()), "qemu-img create");
            Shell.must(Shell.virsh("define", xml.toString()), "virsh define");
            return Shell.must(Shell.virsh("start", name), "virsh start").nanos() / 1e6;
        } finally {
            Shell.virsh("destroy", name);
            Shell.virsh("undefine", name);
            Files.deleteIfExists(overlay);
            Files.deleteIfExists(xml);
        }
    }

    /** CPU time of this JVM: the manager and the benchmark; the virsh processes it runs are not in it. */
    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The API-made domain's XML for another domain: its own name and overlay, no UUID or MAC (libvirt makes new
     * ones), and without the manager's metadata, so the manager's driver never takes it for one of its VMs.
     */
    private String domainXml(String name, Path overlay) {
        return renamed(xmlTemplate, templateName, templateDisk, name, overlay);
    }

    /** {@link #domainXml}'s rewrite, pure: the disk under {@code datastore} becomes {@code overlay}. */
    static String renamed(String xml, String oldName, String datastore, String name, Path overlay) {
        return xml
                .replaceAll("(?s)<metadata>.*?</metadata>\\s*", "")
                .replaceAll("<uuid>[^<]*</uuid>\\s*", "")
                .replaceAll("<title>[^<]*</title>\\s*", "")
                .replaceAll("<mac address='[^']*'/>\\s*", "")
                .replaceAll("<source file='" + Pattern.quote(datastore) + "/[^']*'",
                        Matcher.quoteReplacement("<source file='" + overlay + "'"))
                .replace(oldName, name);
    }
}
