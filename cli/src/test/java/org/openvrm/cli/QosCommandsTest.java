package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.cli.Fixtures.json;
import static org.openvrm.cli.Fixtures.problem;
import static org.openvrm.cli.Fixtures.task;
import static org.openvrm.cli.Fixtures.vrm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code vrm vm qos} and {@code vrm portgroup qos} against a stub manager: the requests, output and exit. */
class QosCommandsTest {

    private static final String VM = "vm-00000000000000a1";
    private static final String GET_VM = "GET /api/v1/vms/" + VM;
    private static final String PUT_QOS = "PUT /api/v1/vms/" + VM + "/qos";
    /** A VM with HIGH CPU shares, a 500 MHz reservation, a 2400 MHz limit, a disk with a write limit, a NIC. */
    private static final String VM_JSON = """
            {"id":"%s","name":"web-1","clusterId":"c1","hostId":"h1","state":"RUNNING","vcpus":2,"maxVcpus":2,
             "memoryMb":4096,
             "cpuQos":{"sharesLevel":"HIGH","shares":4000,"reservationMhz":500,"limitMhz":2400},
             "memoryQos":{"sharesLevel":"NORMAL","shares":40960,"reservationMb":0,"limitMb":4096},
             "disks":[{"id":"d0","index":0,"sizeMb":20480,"ioLimits":{"writeKBps":1024}}],
             "nics":[{"id":"n0","index":0,"portGroupId":"pg1","mac":"52:54:00:00:00:01","model":"virtio",
                      "qos":null}],
             "bootOrder":["disk"],"generation":1}""".formatted(VM);

    private final StubServer stub = new StubServer();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void setChangesOnlyWhatItNamesAndNoneRemovesALimit() {
        stub.on(GET_VM, 200, VM_JSON)
                .on(PUT_QOS, 202, task("task-0000000000000009", "vm.qos.update", VM, "web-1", "RUNNING", 0));

        var run = vrm(stub.url(), "vm", "qos", "set", VM, "--cpu-limit-mhz", "none", "--cpu-reservation-mhz",
                "800", "--disk", "0:read-iops=100,write-kbps=none", "--nic", "n0:in-avg-mbps=8,out-avg-mbps=16");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(stub.lines()).containsExactly(GET_VM, PUT_QOS);
        // shares kept (HIGH), the limit gone, the reservation changed; the disk's write limit gone, read IOPS set;
        // memory not named, so not sent (it stays); the CLI leaves nulls out, which the API reads as not given
        assertThat(json(stub.only(PUT_QOS).body())).isEqualTo(json("""
                {"cpuQos":{"sharesLevel":"HIGH","reservationMhz":800},
                 "disks":[{"diskId":"d0","ioLimits":{"readIops":100}}],
                 "nics":[{"nicId":"n0","qos":{"inbound":{"averageMbps":8},"outbound":{"averageMbps":16}}}]}"""));
        assertThat(run.out()).contains("task-0000000000000009  vm.qos.update  web-1");
    }

    @Test
    void memorySharesAsANumberAreCustomAndANicCanFollowItsPortGroupAgain() {
        stub.on(GET_VM, 200, VM_JSON)
                .on(PUT_QOS, 202, task("task-0000000000000009", "vm.qos.update", VM, "web-1", "RUNNING", 0));

        var run = vrm(stub.url(), "vm", "qos", "set", VM, "--mem-shares", "30000", "--mem-limit-mb", "2048",
                "--nic", "0:inherit");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(json(stub.only(PUT_QOS).body())).isEqualTo(json("""
                {"memoryQos":{"sharesLevel":"CUSTOM","shares":30000,"reservationMb":0,"limitMb":2048},
                 "nics":[{"nicId":"n0"}]}"""));
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnythingIsChanged() {
        stub.on(GET_VM, 200, VM_JSON);

        var noOption = vrm(stub.url(), "vm", "qos", "set", VM);
        assertThat(noOption.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(noOption.err()).contains("give at least one QoS option");

        var word = vrm(stub.url(), "vm", "qos", "set", VM, "--cpu-limit-mhz", "fast");
        assertThat(word.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(word.err()).contains("--cpu-limit-mhz must be a whole number or none, got 'fast'")
                .doesNotContain("Exception");

        var key = vrm(stub.url(), "vm", "qos", "set", VM, "--disk", "0:speed=5");
        assertThat(key.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(key.err()).contains("--disk: unknown limit 'speed'");

        var disk = vrm(stub.url(), "vm", "qos", "set", VM, "--disk", "3:read-iops=5");
        assertThat(disk.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(disk.err()).contains("VM web-1 has no disk '3'");
        assertThat(stub.lines()).doesNotContain(PUT_QOS);
    }

    @Test
    void theManagersRefusalIsReportedWithItsCodeAndNoStackTrace() {
        stub.on(GET_VM, 200, VM_JSON)
                .on(PUT_QOS, 409, problem(409, "INSUFFICIENT_CAPACITY", "VM web-1 cannot reserve more: host esx1: "
                        + "CPU reservation: needs 2000 MHz, 800 MHz left to reserve of 4800 MHz usable: 1200 MHz short",
                        "cpuQos.reservationMhz", null));

        var run = vrm(stub.url(), "vm", "qos", "set", VM, "--cpu-reservation-mhz", "2000");

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("1200 MHz short").contains("INSUFFICIENT_CAPACITY")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void getShowsConfiguredAndEnforcedSideBySide() {
        stub.on(GET_VM, 200, VM_JSON).on(GET_VM + "/qos", 200, """
                {"vmId":"%s","state":"RUNNING","hostId":"h1",
                 "configured":{"cpuQos":{"sharesLevel":"HIGH","shares":4000,"reservationMhz":500,"limitMhz":2400},
                               "disks":[{"diskId":"d0","ioLimits":{"writeKBps":1024}}]},
                 "enforced":{"cpuQos":{"sharesLevel":null,"shares":4000,"reservationMhz":null,"limitMhz":2400},
                             "disks":[{"diskId":"d0","ioLimits":{"writeKBps":1024}}]},
                 "enforcedNote":null}""".formatted(VM));

        var run = vrm(stub.url(), "vm", "qos", "get", VM);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                SETTING                      CONFIGURED  ENFORCED
                cpuQos.sharesLevel           HIGH        -
                cpuQos.shares                4000        4000
                cpuQos.reservationMhz        500         -
                cpuQos.limitMhz              2400        2400
                disks[0].diskId              d0          d0
                disks[0].ioLimits.writeKBps  1024        1024
                """);
    }

    @Test
    void portGroupQosSetsTheWholeShapingOrRemovesIt() {
        String getPg = "GET /api/v1/portgroups?limit=2&name=prod";
        String put = "PUT /api/v1/portgroups/pg-01/qos";
        stub.on(getPg, 200, "{\"items\":[{\"id\":\"pg-01\",\"name\":\"prod\"}],\"total\":1,\"offset\":0,\"limit\":2}")
                .on(put, 202, task("task-0000000000000010", "portgroup.qos.update", "pg-01", "prod", "RUNNING", 0));

        var set = vrm(stub.url(), "portgroup", "qos", "set", "prod", "--in-avg", "100", "--out-avg", "50",
                "--out-peak", "80");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(json(stub.only(put).body())).isEqualTo(json("""
                {"qos":{"inbound":{"averageMbps":100},"outbound":{"averageMbps":50,"peakMbps":80}}}"""));

        var neither = vrm(stub.url(), "portgroup", "qos", "set", "prod");
        assertThat(neither.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(neither.err()).contains("give shaping options (e.g. --in-avg 100) or --none");
    }
}
