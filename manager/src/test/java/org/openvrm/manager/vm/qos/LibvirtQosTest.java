package org.openvrm.manager.vm.qos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.core.qos.LibvirtQos;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.LibvirtManager;
import org.openvrm.manager.testkit.LocalLibvirt;

/**
 * Live QoS through the manager on this machine's real libvirtd + QEMU: the tiny guest created through the API with a
 * disk write limit and a CPU limit, started, both changed live through the API; each time {@code virsh schedinfo}
 * and {@code virsh blkdeviotune} must show libvirt's form of the API's values, and the API's read-back
 * ({@code GET /vms/{id}/qos}) must show the API's values again. Then a port group change reaches the VM's NIC live.
 * Run under {@code flock -s /tmp/openvrm-libvirtd.lock}.
 */
class LibvirtQosTest {

    @AutoClose // whatever the test left: domains, volumes, bridge, logs
    private LibvirtManager m;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        m = new LibvirtManager("qos");
        api = m.api();
    }


    @Test
    void aDiskWriteLimitAndACpuLimitChangeLiveAndVirshShowsTheApiValues() throws Exception {
        int mhz = api.get("/hosts/" + m.hostId).body().at("/hardware/mhz").asInt();
        assertThat(mhz).as("the host reported its clock").isPositive();

        long half = Math.max(1, mhz / 2);
        String vm = api.create("/vms", """
                {"name":"tiny-qos","vcpus":1,"memoryMb":256,
                 "disks":[{"sizeMb":64,"image":"%s","ioLimits":{"writeKBps":2048}}],"nics":[{}],
                 "cpuQos":{"limitMhz":%d}}""".formatted(LocalLibvirt.tinyGuest(), half));
        String domain = m.domainName(vm);
        JsonNode started = api.change("/vms/" + vm + "/start", "");
        assertThat(started.get("state").asText()).as(started.toString()).isEqualTo("SUCCEEDED");
        assertThat(LocalLibvirt.virshResult("domstate", domain).output()).contains("running");
        assertThat(api.get("/events?severity=WARNING&taskId=" + started.get("id").asText()).body().get("total")
                .asInt()).as("the start found the host's tuning as the spec says (or brought it there)").isZero();
        long pid = LocalLibvirt.qemuPid(domain);

        check(vm, domain, mhz, half, 2048);

        long quarter = Math.max(1, mhz / 4);
        JsonNode changed = api.changeByPut("/vms/" + vm + "/qos", """
                {"cpuQos":{"limitMhz":%d},
                 "disks":[{"diskId":"%s-disk0","ioLimits":{"writeKBps":1024,"writeIops":100}}]}
                """.formatted(quarter, vm));
        assertThat(changed.get("state").asText()).as(changed.toString()).isEqualTo("SUCCEEDED");
        // printed, never asserted: how long the live change took from the task's start to its end
        System.out.printf("live QoS change through the manager: %d ms (task %s)%n",
                java.time.Duration.between(java.time.Instant.parse(changed.get("startedAt").asText()),
                        java.time.Instant.parse(changed.get("finishedAt").asText())).toMillis(),
                changed.get("id").asText());
        check(vm, domain, mhz, quarter, 1024);
        assertThat(blkdeviotune(domain)).containsEntry("write_iops_sec", "100");
        // the port group's shaping reaches the running VM's NIC (it has none of its own); the host reads it back
        JsonNode shaped = api.changeByPut("/portgroups/" + m.portGroupId + "/qos",
                "{\"qos\":{\"inbound\":{\"averageMbps\":8,\"peakMbps\":16,\"burstKb\":64},"
                        + "\"outbound\":{\"averageMbps\":4}}}");
        assertThat(shaped.get("state").asText()).as(shaped.toString()).isEqualTo("SUCCEEDED");
        assertThat(shaped.at("/result/tuned").asInt()).as(shaped.toString()).isEqualTo(1);
        JsonNode nic = api.get("/vms/" + vm + "/qos").body().at("/enforced/nics/0/qos");
        assertThat(nic.at("/inbound/averageMbps").asLong()).as(nic.toString()).isEqualTo(8);
        assertThat(nic.at("/inbound/peakMbps").asLong()).isEqualTo(16);
        assertThat(nic.at("/outbound/averageMbps").asLong()).isEqualTo(4);
        assertThat(LocalLibvirt.qemuPid(domain)).as("the same QEMU: changed live, not restarted").isEqualTo(pid);
        assertThat(api.get("/vms/" + vm).body().get("state").asText()).isEqualTo("RUNNING");
    }

    /** virsh shows libvirt's form of the API's values; the API's read-back shows the API's values again. */
    private void check(String vm, String domain, int mhz, long limitMhz, long writeKBps) throws IOException,
            InterruptedException {
        long quota = LibvirtQos.cpuQuotaMicros(limitMhz, mhz, 1, LibvirtQos.DEFAULT_PERIOD_MICROS);
        assertThat(schedinfo(domain)).containsEntry("vcpu_period", "100000")
                .containsEntry("vcpu_quota", Long.toString(quota))
                .containsEntry("cpu_shares", "1000");
        assertThat(blkdeviotune(domain)).containsEntry("write_bytes_sec", Long.toString(writeKBps * 1024));
        JsonNode qos = api.get("/vms/" + vm + "/qos").body();
        assertThat(qos.get("enforcedNote").isNull()).as(qos.toString()).isTrue();
        assertThat(qos.at("/enforced/cpuQos/limitMhz").asLong()).isEqualTo(limitMhz)
                .isEqualTo(qos.at("/configured/cpuQos/limitMhz").asLong());
        assertThat(qos.at("/enforced/disks/0/ioLimits/writeKBps").asLong()).isEqualTo(writeKBps)
                .isEqualTo(qos.at("/configured/disks/0/ioLimits/writeKBps").asLong());
    }

    private static Map<String, String> schedinfo(String domain) throws IOException, InterruptedException {
        return fields(LocalLibvirt.virshResult("schedinfo", domain).output());
    }

    private static Map<String, String> blkdeviotune(String domain) throws IOException, InterruptedException {
        return fields(LocalLibvirt.virshResult("blkdeviotune", domain, "vda").output());
    }

    /** "name : value" lines as a map. */
    private static Map<String, String> fields(String output) {
        Map<String, String> out = new HashMap<>();
        output.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        });
        return out;
    }
}
