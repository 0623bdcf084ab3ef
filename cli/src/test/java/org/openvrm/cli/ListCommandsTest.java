package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.cli.Fixtures.json;
import static org.openvrm.cli.Fixtures.named;
import static org.openvrm.cli.Fixtures.page;
import static org.openvrm.cli.Fixtures.vm;
import static org.openvrm.cli.Fixtures.vrm;

import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lists and gets: paging, filters, tables, JSON. */
class ListCommandsTest {

    private final StubServer stub = new StubServer();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aListFollowsEveryPage() {
        String[] first = IntStream.range(0, 1000)
                .mapToObj(i -> vm("vm-%016x".formatted(i), "vm-%04d".formatted(i), "RUNNING", "host-00000000000000b1"))
                .toArray(String[]::new);
        stub.on("GET /api/v1/vms?limit=1000&offset=0", 200, page(1001, 0, 1000, first))
                .on("GET /api/v1/vms?limit=1000&offset=1000", 200,
                        page(1001, 1000, 1000, vm("vm-00000000000003e8", "last", "STOPPED", null)))
                .on("GET /api/v1/hosts?limit=1000&offset=0", 200, page(1, 0, 1000,
                        named("host-00000000000000b1", "esx-01")));

        var run = vrm(stub.url(), "vm", "list");

        assertThat(run.exit()).isZero();
        assertThat(stub.lines()).containsExactly("GET /api/v1/vms?limit=1000&offset=0",
                "GET /api/v1/vms?limit=1000&offset=1000", "GET /api/v1/hosts?limit=1000&offset=0");
        var lines = run.out().lines().toList();
        assertThat(lines).hasSize(1 + 1001);
        assertThat(lines.getFirst()).isEqualTo(
                "ID                   NAME     STATE    HOST    CPUS  MEM_GB  DISK_GB  NICS");
        assertThat(lines.get(1)).isEqualTo("vm-0000000000000000  vm-0000  RUNNING  esx-01     2       4       20     0");
        assertThat(lines.getLast()).isEqualTo("vm-00000000000003e8  last     STOPPED  -          2       4       20     0");
    }

    @Test
    void limitAndFiltersGoToTheQueryWithNamesResolved() {
        stub.on("GET /api/v1/hosts?limit=2&name=esx-01", 200, page(1, 0, 2, named("host-00000000000000b1", "esx-01")))
                .on("GET /api/v1/vms?hostId=host-00000000000000b1&limit=5&name=web*&offset=10&state=RUNNING", 200,
                        page(0, 10, 5));

        var run = vrm(stub.url(), "vm", "list", "--host", "esx-01", "--state", "RUNNING", "--name", "web*",
                "--limit", "5", "--offset", "10");

        assertThat(run.exit()).isZero();
        assertThat(stub.lines()).containsExactly("GET /api/v1/hosts?limit=2&name=esx-01",
                "GET /api/v1/vms?hostId=host-00000000000000b1&limit=5&name=web*&offset=10&state=RUNNING");
        assertThat(run.out()).isEqualTo("ID  NAME  STATE  HOST  CPUS  MEM_GB  DISK_GB  NICS\n");
    }

    @Test
    void jsonListKeepsThePageShape() {
        stub.on("GET /api/v1/clusters?limit=1000&name=prod%20eu&offset=0", 200,
                page(1, 0, 1000, named("cluster-00000000000000c1", "prod eu")));

        var run = vrm(stub.url(), "-o", "json", "cluster", "list", "--name", "prod eu");

        assertThat(run.exit()).isZero();
        assertThat(json(run.out())).isEqualTo(json("""
                {"items":[{"id":"cluster-00000000000000c1","name":"prod eu"}],"total":1,"offset":0,"limit":1}"""));
    }

    @Test
    void hostListShowsCapacityAndTheClusterName() {
        stub.on("GET /api/v1/hosts?limit=1000&offset=0", 200, page(1, 0, 1000, """
                        {"id":"host-00000000000000b1","name":"esx-01","clusterId":"cluster-00000000000000c1",
                         "driver":"sim","state":"CONNECTED",
                         "hardware":{"sockets":1,"coresPerSocket":16,"threadsPerCore":1,"logicalCpus":16,"mhz":2000,
                                     "memoryMb":32768},
                         "capacity":{"managementVcpus":1,
                                     "cpu":{"totalMhz":32000,"reservedMhz":2000,"usableMhz":30000,
                                            "allocatedMhz":8000,"vmReservedMhz":3000},
                                     "memory":{"totalMb":32768,"reservedMb":4096,"usableMb":28672,
                                               "allocatedMb":8192,"vmReservedMb":1024},
                                     "limits":{"vms":60,"disks":240,"nics":240},"used":{"vms":4,"disks":4,"nics":4}}}
                        """))
                .on("GET /api/v1/clusters?limit=1000&offset=0", 200,
                        page(1, 0, 1000, named("cluster-00000000000000c1", "prod")));

        var run = vrm(stub.url(), "host", "list");

        assertThat(run.exit()).isZero();
        // CPU: 8000 of 30000 MHz allocated, 3000 reserved; memory: 8 of 28 GB (28672 / 1024), 1 GB reserved
        assertThat(run.out()).isEqualTo("""
                ID                     NAME    CLUSTER  STATE      DRIVER  CPUS     CPU_MHZ  MEM_GB  CPU_RSV_MHZ  MEM_RSV_GB  VMS
                host-00000000000000b1  esx-01  prod     CONNECTED  sim       16  8000/30000    8/28   3000/30000        1/28    4
                """);
    }

    @Test
    void getByNameShowsEveryField() {
        stub.on("GET /api/v1/vms?limit=2&name=web-1", 200,
                page(1, 0, 2, vm("vm-00000000000000a1", "web-1", "RUNNING", "host-00000000000000b1")));

        var run = vrm(stub.url(), "vm", "get", "web-1");

        assertThat(run.exit()).isZero();
        assertThat(stub.lines()).containsExactly("GET /api/v1/vms?limit=2&name=web-1");
        assertThat(run.out()).contains("id               vm-00000000000000a1\n", "hostId           host-00000000000000b1\n",
                "state            RUNNING\n", "disks[0].sizeMb  20480\n", "nics             -\n", "bootOrder        disk\n");
    }

    @Test
    void eventFiltersAndAbout() {
        stub.on("GET /api/v1/events?limit=1000&offset=0&severity=ERROR&taskId=task-01", 200, page(1, 0, 1000, """
                        {"id":7,"time":"2025-01-01T10:00:00Z","severity":"ERROR","type":"vm.crashed",
                         "targetType":"vm","targetId":"vm-00000000000000a1","message":"the guest panicked",
                         "taskId":"task-01"}"""))
                .on("GET /api/v1/about", 200, "{\"product\":\"OpenVRM\",\"version\":\"0.1.0\",\"apiVersion\":\"v1\"}");

        var events = vrm(stub.url(), "event", "list", "--severity", "ERROR", "--task", "task-01");
        var about = vrm(stub.url(), "about");

        assertThat(events.exit()).isZero();
        assertThat(events.out()).isEqualTo("""
                TIME                  SEVERITY  TYPE        TARGET               TASK     MESSAGE
                2025-01-01T10:00:00Z  ERROR     vm.crashed  vm-00000000000000a1  task-01  the guest panicked
                """);
        assertThat(about.out()).isEqualTo("""
                product     OpenVRM
                version     0.1.0
                apiVersion  v1
                """);
    }

    @Test
    void alarmListShowsActiveOnesAndAckPostsEach() {
        String alarm = """
                {"id":"alarm-00000000000000c1","code":"HOST_FAILED","severity":"ERROR","resourceType":"host",
                 "resourceId":"host-00000000000000b1","resourceName":"esx1","message":"host esx1 is silent",
                 "raisedAt":"2025-01-01T10:00:00Z","clearedAt":null,"active":true,"acknowledged":%s,
                 "acknowledgedAt":%s}""";
        stub.on("GET /api/v1/alarms?active=true&limit=1000&offset=0&severity=ERROR", 200,
                        page(1, 0, 1000, alarm.formatted("false", "null")))
                .on("POST /api/v1/alarms/alarm-00000000000000c1/acknowledge", 200,
                        alarm.formatted("true", "\"2025-01-01T10:05:00Z\""));

        var list = vrm(stub.url(), "alarm", "list", "--severity", "ERROR");
        var ack = vrm(stub.url(), "alarm", "ack", "alarm-00000000000000c1");

        assertThat(list.exit()).isZero();
        assertThat(list.out()).isEqualTo("""
                ID                      RAISED                SEVERITY  CODE         RESOURCE   STATE   MESSAGE
                alarm-00000000000000c1  2025-01-01T10:00:00Z  ERROR     HOST_FAILED  host esx1  active  host esx1 is silent
                """);
        assertThat(ack.exit()).isZero();
        assertThat(ack.out()).contains("acknowledged    true\n");
        assertThat(stub.lines()).contains("POST /api/v1/alarms/alarm-00000000000000c1/acknowledge");
    }
}
