package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class KeyValuesTest {

    @Test
    void nestedFieldsByTheirJsonPath() throws Exception {
        var node = new ObjectMapper().readTree("""
                {"id": "vm-01", "name": "web-1", "hostId": null, "bootOrder": ["disk", "network"],
                 "cpuQos": {"sharesLevel": "HIGH", "limitMhz": null},
                 "disks": [{"sizeMb": 20480, "provisioning": "thin"}, {"sizeMb": 512, "provisioning": "thick"}],
                 "nics": [], "description": "line one\\nline two"}
                """);
        assertThat(KeyValues.render(node)).isEqualTo("""
                id                     vm-01
                name                   web-1
                hostId                 -
                bootOrder              disk,network
                cpuQos.sharesLevel     HIGH
                cpuQos.limitMhz        -
                disks[0].sizeMb        20480
                disks[0].provisioning  thin
                disks[1].sizeMb        512
                disks[1].provisioning  thick
                nics                   -
                description            line one line two
                """);
    }
}
