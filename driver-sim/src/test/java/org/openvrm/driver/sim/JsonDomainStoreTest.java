package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvrm.driver.DomainSpec;

class JsonDomainStoreTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            vm-1                                 | vm-1.json
            6f1c2a7e-0b7d-4e0f-9d61-3c2f1a9b8e55 | 6f1c2a7e-0b7d-4e0f-9d61-3c2f1a9b8e55.json
            Web_01                               | Web_01.json
            ../etc/passwd                        | %2E%2E%2Fetc%2Fpasswd.json
            a%2F                                 | a%252F.json
            a/                                   | a%2F.json
            .lock                                | %2Elock.json
            é                                    | %C3%A9.json
            """)
    void everyIdGetsItsOwnFileInsideTheDirectory(String vmId, String fileName) {
        assertThat(JsonDomainStore.fileName(vmId)).isEqualTo(fileName);
    }

    @Test
    void aSpecStoredBeforeCpuTuningReadsBackWithTheDefaultAndANewOneKeepsItsOwn() throws Exception {
        var json = new ObjectMapper();
        DomainSpec old = json.readValue("""
                {"vmId":"vm-1","name":"old","generation":3,"vcpus":2,"maxVcpus":2,"memoryMb":256,
                 "disks":[],"nics":[],"bootOrder":["disk"]}""", DomainSpec.class);
        assertThat(old.cpuTune()).isEqualTo(new DomainSpec.CpuTune(2000, 100_000, -1));
        DomainSpec capped = new DomainSpec("vm-2", "capped", 1, 1, 1, 256, List.of(), List.of(), List.of("disk"),
                new DomainSpec.CpuTune(500, 100_000, 50_000));
        assertThat(json.readValue(json.writeValueAsString(capped), DomainSpec.class)).isEqualTo(capped);
    }
}
