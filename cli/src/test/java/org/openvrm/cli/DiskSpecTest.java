package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiskSpecTest {

    record Case(String text, DiskSpec expected) {
        @Override
        public String toString() {
            return text;
        }
    }

    static Stream<Case> specs() {
        return Stream.of(
                new Case("20G", new DiskSpec(20480, null, null, null)),
                new Case("512M:thin", new DiskSpec(512, "thin", null, null)),
                new Case("100G:thick@ssd", new DiskSpec(102400, "thick", "ssd", null)),
                new Case("100G:THICK@ssd", new DiskSpec(102400, "thick", "ssd", null)),
                new Case("1T@ds-3f2a9c1d0b7e4a55", new DiskSpec(1048576, null, "ds-3f2a9c1d0b7e4a55", null)),
                // a datastore name may hold ':' and '@' (the API allows both): only the first '@' splits
                new Case("10G@backup:nas@site2", new DiskSpec(10240, null, "backup:nas@site2", null)),
                new Case("10G:thin@fast disks", new DiskSpec(10240, "thin", "fast disks", null)),
                new Case("1G=/srv/images/tiny.qcow2", new DiskSpec(1024, null, null, "/srv/images/tiny.qcow2")),
                // a path may hold '@' and ':'; sizes and datastore names never hold '='
                new Case("2G:thick@ssd=/img/a@b:c.qcow2", new DiskSpec(2048, "thick", "ssd", "/img/a@b:c.qcow2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void parses(Case c) {
        assertThat(DiskSpec.parse(c.text())).isEqualTo(c.expected());
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"20", "10G:fat", "10G@", "10G:@ssd", ":thin", "@ssd", "", "thin:10G"})
    void refuses(String text) {
        assertThatThrownBy(() -> DiskSpec.parse(text)).isInstanceOf(CliException.Usage.class);
    }

    @org.junit.jupiter.api.Test
    void explainsTheForm() {
        assertThatThrownBy(() -> DiskSpec.parse("10G:fat"))
                .hasMessage("--disk '10G:fat': provisioning must be thin or thick, got 'fat' "
                        + "(form: SIZE[:thin|thick][@DATASTORE][=IMAGE], e.g. 20G, 100G:thick@ssd or 1G=/images/base.qcow2)");
    }
}
