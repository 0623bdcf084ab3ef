package org.openvrm.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvrm.cli.VrmCli;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/** The README's tour, command by command, through the real CLI against a real manager. */
class CliTourTest {

    record Run(int exit, String out, String err) {}

    private static TestManager manager;
    private static Map<String, String> env;

    @BeforeAll
    static void start() {
        // guest facts polled every 100 ms instead of 5 s, so the tour sees a VM's IP at once
        manager = TestManager.start(TestStores.Kind.EMBEDDED, c -> c.withGuestPollMillis(100));
        env = Map.of("VRM_URL", manager.api().base());
        manager.api().create("/datastores", "{\"name\":\"local\",\"type\":\"dir\",\"path\":\"/srv/local\","
                + "\"capacityMb\":100000000}");
        manager.api().create("/portgroups", "{\"name\":\"default\"}");
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static Run vrm(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = VrmCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run ok(String... args) {
        Run r = vrm(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    @Test
    void theTour() {
        ok("cluster", "create", "--name", "prod", "--wait");
        ok("host", "add", "--name", "esx1", "--cluster", "prod", "--sim", "--cores", "20", "--mhz", "2400",
                "--memory-gb", "128", "--wait");
        ok("host", "add", "--name", "esx2", "--cluster", "prod", "--sim", "--cores", "20", "--mhz", "2400",
                "--memory-gb", "128", "--wait");
        ok("host", "add", "--name", "esx3", "--cluster", "prod", "--sim", "--cores", "40", "--mhz", "2400",
                "--memory-gb", "256", "--wait");
        assertThat(ok("host", "list").out()).contains("esx1").contains("esx3").contains("CONNECTED");

        ok("vm", "create", "--name", "web", "--count", "20", "--cluster", "prod", "--cpus", "2", "--memory-gb", "4",
                "--disk", "20G", "--nic", "--wait");
        ok("vm", "start", "--all", "--name", "web-*", "--wait");
        assertThat(manager.api().get("/vms?state=RUNNING").body().get("total").asInt()).isEqualTo(20);
        // 20 running VMs x 2 vCPUs x 2400 MHz, spread over three hosts
        long allocated = 0;
        for (var h : manager.api().get("/hosts?name=esx*").body().get("items")) {
            allocated += h.at("/capacity/cpu/allocatedMhz").asLong();
        }
        assertThat(allocated).isEqualTo(20 * 2 * 2400);
        assertThat(ok("vm", "list", "--name", "web-*").out()).contains("web-20").contains("RUNNING");
        String ip = manager.api().get("/vms?name=web-1").body().at("/items/0/nics/0/mac").asText();
        ip = "10." + String.join(".", java.util.Arrays.stream(ip.split(":")).skip(3)
                .map(b -> Integer.toString(Integer.parseInt(b, 16))).toList()); // the simulated guest's address
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!ok("vm", "get", "web-1").out().contains(ip)) {
            assertThat(System.nanoTime()).as("the guest agent's IP shows in vm get").isLessThan(deadline);
            org.openvrm.manager.testkit.Api.sleep(50);
        }
        assertThat(ok("vm", "console", "web-1").out()).contains("sim-guest: ready");
        ok("vm", "disk", "grow", "web-1", "0", "40G", "--wait");
        assertThat(manager.api().get("/vms?name=web-1").body().at("/items/0/disks/0/sizeMb").asLong())
                .isEqualTo(40 * 1024);
        ok("vm", "qos", "set", "web-1", "--cpu-limit-mhz", "1200", "--disk", "0:write-kbps=2048", "--wait");
        String qos = ok("vm", "qos", "get", "web-1").out();
        assertThat(qos).containsPattern("cpuQos\\.limitMhz +1200 +1200\n")
                .containsPattern("disks\\[0\\]\\.ioLimits\\.writeKBps +2048 +2048\n");
        Run reserve = vrm("vm", "qos", "set", "web-2", "--cpu-reservation-mhz", "100000");
        assertThat(reserve.exit()).isEqualTo(4);
        assertThat(reserve.err()).contains("INSUFFICIENT_CAPACITY").contains("MHz short").doesNotContain("Exception");
        ok("portgroup", "qos", "set", "default", "--in-avg", "100", "--out-avg", "100", "--wait");
        assertThat(ok("vm", "qos", "get", "web-3").out())
                .containsPattern("nics\\[0\\]\\.qos\\.inbound\\.averageMbps +100 +100\n");
        assertThat(ok("host", "list").out()).contains("CPU_RSV_MHZ");

        Run again = vrm("vm", "start", "web-1");
        assertThat(again.exit()).isEqualTo(4);
        assertThat(again.err()).contains("VM_INVALID_STATE").doesNotContain("Exception");
        Run huge = vrm("vm", "create", "--name", "huge", "--cluster", "prod", "--cpus", "2", "--memory-gb", "1024");
        assertThat(huge.exit()).isEqualTo(4);
        assertThat(huge.err()).contains("VM_TOO_LARGE").contains("memoryMb");

        ok("vm", "snapshot", "create", "web-2", "--name", "before-upgrade", "--wait");
        ok("vm", "stop", "web-2", "--wait");
        ok("vm", "snapshot", "revert", "web-2", "before-upgrade", "--wait");
        assertThat(manager.api().get("/vms?name=web-2").body().at("/items/0/state").asText()).isEqualTo("RUNNING");
        assertThat(ok("vm", "snapshot", "list", "web-2").out()).contains("before-upgrade").contains("READY");
        ok("vm", "hibernate", "web-3", "--wait");
        assertThat(ok("vm", "list", "--name", "web-3").out()).contains("HIBERNATED");
        ok("host", "list");
        ok("vm", "start", "web-3", "--wait");
        assertThat(manager.api().get("/vms?state=RUNNING").body().get("total").asInt()).isEqualTo(20);

        ok("vm", "shutdown", "--all", "--name", "web-*", "--wait");
        ok("vm", "delete", "--all", "--name", "web-*", "--wait");
        assertThat(manager.api().get("/vms").body().get("total").asInt()).isZero();
        assertThat(ok("task", "list", "-o", "json").out()).contains("vm.delete");
        assertThat(ok("event", "list").out()).contains("created");
        Run missing = vrm("vm", "get", "nope");
        assertThat(missing.exit()).isEqualTo(3);
    }

    @Test
    void vmsFromATemplate() {
        ok("cluster", "create", "--name", "tpl-c", "--wait");
        ok("host", "add", "--name", "tpl-h", "--cluster", "tpl-c", "--sim", "--cores", "8", "--mhz", "2000",
                "--memory-gb", "32", "--wait");
        ok("template", "create", "--name", "small", "--cpus", "1", "--memory-mb", "512", "--disk", "1G",
                "--cpu-shares", "high", "--wait");
        ok("vm", "create", "--name", "fromtpl", "--count", "3", "--template", "small", "--cluster", "tpl-c",
                "--start", "--wait");
        var vm = manager.api().get("/vms?name=fromtpl-1").body().at("/items/0");
        assertThat(vm.get("state").asText()).isEqualTo("RUNNING");
        assertThat(vm.at("/cpuQos/sharesLevel").asText()).isEqualTo("HIGH");
        assertThat(vm.at("/cpuQos/shares").asLong()).isEqualTo(2000); // HIGH: 2000 per vCPU
        assertThat(vm.at("/disks/0/sizeMb").asLong()).isEqualTo(1024);
    }

    @Test
    void anUnreachableManagerIsExitFiveWithoutAStackTrace() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = VrmCli.run(new String[] {"vm", "list"}, new PrintStream(out), new PrintStream(err),
                Map.of("VRM_URL", "http://127.0.0.1:1/api/v1"));
        assertThat(exit).isEqualTo(5);
        assertThat(err.toString()).startsWith("error:").doesNotContain("\tat ");
    }
}
