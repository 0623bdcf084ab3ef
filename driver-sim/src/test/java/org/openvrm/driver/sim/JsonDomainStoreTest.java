package org.openvrm.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
