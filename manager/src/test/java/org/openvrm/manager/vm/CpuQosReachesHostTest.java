package org.openvrm.manager.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/** A VM's cpuQos, given in MHz through the API, arrives at its (simulated) host as libvirt's cputune numbers. */
class CpuQosReachesHostTest {

    private TestManager manager;
    private Api api;

    @BeforeEach
    void start() {
        manager = TestManager.start(TestStores.Kind.EMBEDDED);
        api = manager.api();
        api.create("/datastores", "{\"name\":\"ds1\",\"type\":\"dir\",\"path\":\"/srv/ds1\",\"capacityMb\":1000000}");
        api.create("/portgroups", "{\"name\":\"pg1\"}");
        manager.clusterWithHosts("c", 1, 8, 2400, 32768, 0);
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void sharesAndLimitAreInTheSpecTheHostDefined() throws IOException {
        String capped = api.create("/vms", """
                {"name":"capped","vcpus":2,"memoryMb":1024,"disks":[{"sizeMb":1024}],"nics":[{}],
                 "cpuQos":{"sharesLevel":"HIGH","limitMhz":1200}}""");
        String plain = api.create("/vms", """
                {"name":"plain","vcpus":2,"memoryMb":1024,"disks":[{"sizeMb":1024}],"nics":[{}]}""");

        JsonNode tune = cpuTuneOnHost(capped);
        int mhz = api.get("/hosts/" + api.get("/vms/" + capped).body().get("hostId").asText()).body()
                .at("/hardware/mhz").asInt();
        assertThat(mhz).isEqualTo(2400);
        assertThat(tune.get("shares").asLong()).isEqualTo(4000); // HIGH = 2000 per vCPU
        assertThat(tune.get("periodMicros").asLong()).isEqualTo(100_000);
        // 1200 MHz is half a 2400 MHz core; over 2 vCPUs a quarter period each
        assertThat(tune.get("quotaMicros").asLong()).isEqualTo(25_000);

        JsonNode plainTune = cpuTuneOnHost(plain);
        assertThat(plainTune.get("shares").asLong()).isEqualTo(2000); // NORMAL = 1000 per vCPU
        assertThat(plainTune.get("quotaMicros").asLong()).isEqualTo(-1);
    }

    /** The simulator keeps each domain's spec in a JSON file under the manager's data directory. */
    private JsonNode cpuTuneOnHost(String vmId) throws IOException {
        Path root = manager.dataDir().resolve("sim-hosts");
        try (Stream<Path> files = Files.walk(root)) {
            Path file = files.filter(p -> p.getFileName().toString().equals(vmId + ".json")).findFirst()
                    .orElseThrow(() -> new AssertionError("no simulated domain file for " + vmId + " under " + root));
            return new ObjectMapper().readTree(file.toFile()).at("/spec/cpuTune");
        }
    }
}
