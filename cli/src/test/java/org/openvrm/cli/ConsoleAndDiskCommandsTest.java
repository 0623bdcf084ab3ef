package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.cli.Fixtures.json;
import static org.openvrm.cli.Fixtures.problem;
import static org.openvrm.cli.Fixtures.task;
import static org.openvrm.cli.Fixtures.vrm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code vrm vm console} and {@code vrm vm disk grow} against a stub manager: the requests, output and exit. */
class ConsoleAndDiskCommandsTest {

    private static final String VM = "vm-00000000000000a1";
    private static final String GET_VM = "GET /api/v1/vms/" + VM;

    private final StubServer stub = new StubServer();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void diskGrowByIndexSendsTheSizeInMegabytes() {
        stub.on(GET_VM, 200, Fixtures.vm(VM, "web-1", "RUNNING", "host-1"))
                .on("POST /api/v1/vms/" + VM + "/disks/d0/grow", 202,
                        task("task-0000000000000009", "vm.disk.grow", VM, "web-1", "RUNNING", 0));

        var run = vrm(stub.url(), "vm", "disk", "grow", VM, "0", "40G");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(stub.lines()).containsExactly(GET_VM, "POST /api/v1/vms/" + VM + "/disks/d0/grow");
        assertThat(json(stub.only("POST /api/v1/vms/" + VM + "/disks/d0/grow").body()))
                .isEqualTo(json("{\"sizeMb\":40960}")); // 40 x 1024
        assertThat(run.out()).contains("task-0000000000000009  vm.disk.grow  web-1");
    }

    @Test
    void diskGrowByIdWaitsForTheTask() {
        stub.on(GET_VM, 200, Fixtures.vm(VM, "web-1", "STOPPED", "host-1"))
                .on("POST /api/v1/vms/" + VM + "/disks/d0/grow", 202,
                        task("task-0000000000000009", "vm.disk.grow", VM, "web-1", "RUNNING", 0))
                .on("GET /api/v1/tasks/task-0000000000000009", 200,
                        task("task-0000000000000009", "vm.disk.grow", VM, "web-1", "SUCCEEDED", 100));

        var run = vrm(stub.url(), "vm", "disk", "grow", VM, "d0", "1.5T", "--wait");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(json(stub.only("POST /api/v1/vms/" + VM + "/disks/d0/grow").body()))
                .isEqualTo(json("{\"sizeMb\":1572864}")); // 1.5 x 1024 x 1024
        assertThat(run.out()).contains("SUCCEEDED");
    }

    @Test
    void anUnknownDiskListsTheVmsDisksAndSendsNothing() {
        stub.on(GET_VM, 200, Fixtures.vm(VM, "web-1", "RUNNING", "host-1"));

        var run = vrm(stub.url(), "vm", "disk", "grow", VM, "3", "40G");

        assertThat(run.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(run.err()).contains("VM web-1 has no disk '3'; its disks: 0 (d0, 20G)");
        assertThat(stub.lines()).containsExactly(GET_VM);
    }

    @Test
    void aSizeWithoutUnitIsAUsageErrorBeforeAnythingIsSent() {
        var run = vrm(stub.url(), "vm", "disk", "grow", VM, "0", "40");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("SIZE '40' needs a unit");
        assertThat(stub.lines()).isEmpty();
    }

    @Test
    void theManagersRefusalIsReportedWithItsCode() {
        stub.on(GET_VM, 200, Fixtures.vm(VM, "web-1", "RUNNING", "host-1"))
                .on("POST /api/v1/vms/" + VM + "/disks/d0/grow", 422, problem(422, "DISK_ONLY_GROWS",
                        "disk d0 is 20480 MB; a disk only grows", "sizeMb", null));

        var run = vrm(stub.url(), "vm", "disk", "grow", VM, "0", "10G");

        assertThat(run.exit()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(run.err()).contains("a disk only grows").contains("DISK_ONLY_GROWS");
    }

    @Test
    void consolePrintsTheSerialOutputAsItIs() {
        stub.on(GET_VM, 200, Fixtures.vm(VM, "web-1", "RUNNING", "host-1"))
                .on("GET /api/v1/vms/" + VM + "/console/output?maxBytes=100", 200, "booted\nlogin: ");

        var run = vrm(stub.url(), "vm", "console", VM, "--bytes", "100");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("booted\nlogin: ");
    }

    @Test
    void consoleVncPrintsTheEndpoint() {
        stub.on(GET_VM, 200, Fixtures.vm(VM, "web-1", "RUNNING", "host-1"))
                .on("GET /api/v1/vms/" + VM + "/console", 200, "{\"vmId\":\"" + VM + "\",\"state\":\"RUNNING\","
                        + "\"vnc\":{\"host\":\"127.0.0.1\",\"port\":5901},\"outputPath\":\"/x\"}");

        var run = vrm(stub.url(), "vm", "console", VM, "--vnc");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("127.0.0.1:5901\n");
    }

    @Test
    void consoleVncOfAStoppedVmSaysWhy() {
        stub.on(GET_VM, 200, Fixtures.vm(VM, "web-1", "STOPPED", "host-1"))
                .on("GET /api/v1/vms/" + VM + "/console", 200, "{\"vmId\":\"" + VM + "\",\"state\":\"STOPPED\","
                        + "\"vnc\":null,\"outputPath\":\"/x\"}");

        var run = vrm(stub.url(), "vm", "console", VM, "--vnc");

        assertThat(run.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(run.err()).contains("no graphical console while it is STOPPED");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void followPrintsOnlyWhatIsNewUntilTheVmStops() {
        stub.on(GET_VM, 200, Fixtures.vm(VM, "web-1", "RUNNING", "host-1")) // the name lookup
                .on(GET_VM, 200, Fixtures.vm(VM, "web-1", "RUNNING", "host-1"))
                .on(GET_VM, 200, Fixtures.vm(VM, "web-1", "STOPPED", "host-1"))
                .on("GET /api/v1/vms/" + VM + "/console/output", 200, "a\n")
                .on("GET /api/v1/vms/" + VM + "/console/output", 200, "a\nb\n")
                .on("GET /api/v1/vms/" + VM + "/console/output", 200, "a\nb\npower off\n");

        var run = vrm(stub.url(), "vm", "console", VM, "--follow");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("a\nb\npower off\n");
    }

    @Test
    void vncWithFollowIsAUsageError() {
        var run = vrm(stub.url(), "vm", "console", VM, "--vnc", "--follow");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(stub.lines()).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' then ''{1}'' adds ''{2}''")
    @CsvSource(delimiter = '|', value = {
            "abc|abcdef|def",     // the output grew within the tail
            "abcdef|cdefgh|gh",   // the tail slid: 'cdef' is where they join
            "abc|abc|''",         // nothing new
            "''|xyz|xyz",         // the first read
            "abc|xyz|xyz",        // no overlap: the guest restarted, print it whole
    })
    void tailAddsWhatFollowsTheOverlap(String before, String now, String added) {
        assertThat(ConsoleTail.added(before, now)).isEqualTo(added);
    }
}
