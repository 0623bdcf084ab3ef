package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.SnapshotInfo;

/** The pure parts of {@link Snapshots}: libvirt's snapshot XML, states, order. */
class SnapshotsXmlTest {

    @Test
    void describeReadsTheTopLevelFieldsNotTheDomainsName() {
        String xml = """
                <domainsnapshot>
                  <name>before-rm</name>
                  <state>running</state>
                  <parent><name>first</name></parent>
                  <creationTime>1764350000</creationTime>
                  <memory snapshot='internal'/>
                  <domain type='qemu'><name>vrm-test-x</name><state>ignored</state></domain>
                </domainsnapshot>
                """;
        Snapshots.Described d = Snapshots.describe(xml);
        assertThat(d.info()).isEqualTo(new SnapshotInfo("before-rm", Optional.of(Instant.ofEpochSecond(1764350000)),
                PowerState.RUNNING));
        assertThat(d.parent()).contains("first");
    }

    @ParameterizedTest
    @CsvSource({"running, RUNNING", "blocked, RUNNING", "paused, PAUSED", "pmsuspended, PAUSED",
            "shutoff, SHUTOFF", "crashed, SHUTOFF", "disk-snapshot, SHUTOFF"})
    void states(String libvirt, PowerState expected) {
        assertThat(Snapshots.state(libvirt)).isEqualTo(expected);
    }

    @Test
    void orderIsTimeThenParentBeforeChildThenId() {
        // c and b in the same second: b is c's child, so c comes first; a is older; d is b's sibling-less child
        List<Snapshots.Described> all = List.of(
                described("d", 20, "b"), described("b", 10, "c"), described("c", 10, null), described("a", 5, null));
        assertThat(Snapshots.ordered(all)).extracting(SnapshotInfo::snapshotId).containsExactly("a", "c", "b", "d");
    }

    private static Snapshots.Described described(String id, long second, String parent) {
        return new Snapshots.Described(new SnapshotInfo(id, Optional.of(Instant.ofEpochSecond(second)),
                PowerState.SHUTOFF), Optional.ofNullable(parent));
    }
}
