package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.cli.Fixtures.json;
import static org.openvrm.cli.Fixtures.named;
import static org.openvrm.cli.Fixtures.page;
import static org.openvrm.cli.Fixtures.task;
import static org.openvrm.cli.Fixtures.vrm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands that change something, against a stub manager: the exact requests, the output, the exit code. */
class ChangeCommandsTest {

    private final StubServer stub = new StubServer();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void clusterCreateSendsTheBodyAndPrintsTheTask() {
        stub.on("POST /api/v1/clusters", 202,
                task("task-0000000000000001", "cluster.create", "cluster-00000000000000c1", "prod", "QUEUED", 0));

        var run = vrm(stub.url(), "cluster", "create", "--name", "prod", "--description", "Production");

        assertThat(run.exit()).isZero();
        assertThat(stub.lines()).containsExactly("POST /api/v1/clusters");
        var request = stub.only("POST /api/v1/clusters");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(json(request.body())).isEqualTo(json("{\"name\":\"prod\",\"description\":\"Production\"}"));
        assertThat(run.out()).isEqualTo("""
                ID                     TYPE            TARGET  TARGET_ID                 STATE   PROGRESS  MESSAGE
                task-0000000000000001  cluster.create  prod    cluster-00000000000000c1  QUEUED        0%  -
                """);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonOutputIsTheTaskAsTheManagerSentIt() {
        String task = task("task-0000000000000001", "cluster.create", "cluster-00000000000000c1", "prod", "QUEUED",
                0);
        stub.on("POST /api/v1/clusters", 202, task);

        var run = vrm(stub.url(), "cluster", "create", "--name", "prod", "--memory-overcommit", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(json(stub.only("POST /api/v1/clusters").body()))
                .isEqualTo(json("{\"name\":\"prod\",\"memoryOvercommit\":true}"));
        assertThat(json(run.out())).isEqualTo(json(task));
    }

    @Test
    void waitFollowsTheTaskToItsEnd() {
        stub.on("POST /api/v1/clusters", 202,
                        task("task-0000000000000001", "cluster.create", "cluster-00000000000000c1", "prod", "QUEUED", 0))
                .on("GET /api/v1/tasks/task-0000000000000001", 200,
                        task("task-0000000000000001", "cluster.create", "cluster-00000000000000c1", "prod", "RUNNING",
                                50))
                .on("GET /api/v1/tasks/task-0000000000000001", 200,
                        task("task-0000000000000001", "cluster.create", "cluster-00000000000000c1", "prod",
                                "SUCCEEDED", 100));

        var run = vrm(stub.url(), "cluster", "create", "--name", "prod", "--wait");

        assertThat(run.exit()).isZero();
        assertThat(stub.lines()).containsExactly("POST /api/v1/clusters",
                "GET /api/v1/tasks/task-0000000000000001", "GET /api/v1/tasks/task-0000000000000001");
        assertThat(run.out()).contains("SUCCEEDED      100%").doesNotContain("QUEUED");
        // not a terminal: one plain progress line per change of state, on stderr
        assertThat(run.err()).isEqualTo("""
                cluster.create prod (task-0000000000000001): QUEUED 0%
                cluster.create prod (task-0000000000000001): RUNNING 50%
                cluster.create prod (task-0000000000000001): SUCCEEDED 100%
                """);
    }

    @Test
    void aFailedTaskExitsOneWithItsCodeAndMessage() {
        stub.on("POST /api/v1/vms/vm-00000000000000a1/start", 202,
                        task("task-0000000000000002", "vm.start", "vm-00000000000000a1", "web-1", "QUEUED", 0))
                .on("GET /api/v1/vms/vm-00000000000000a1", 200,
                        Fixtures.vm("vm-00000000000000a1", "web-1", "STOPPED", null))
                .on("GET /api/v1/tasks/task-0000000000000002", 200, Fixtures.failedTask("task-0000000000000002",
                        "vm.start", "vm-00000000000000a1", "web-1", "HOST_DOWN", "the host stopped answering"));

        var run = vrm(stub.url(), "vm", "start", "vm-00000000000000a1", "--wait");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: vm-00000000000000a1: task task-0000000000000002 (vm.start web-1) "
                + "failed: the host stopped answering [code HOST_DOWN]");
        assertThat(run.out()).contains("FAILED").contains("the host stopped answering [code HOST_DOWN]");
    }

    @Test
    void hostAddResolvesTheClusterByNameAndSendsTheSimulatedHardware() {
        stub.on("GET /api/v1/clusters?limit=2&name=prod", 200,
                        page(1, 0, 2, named("cluster-00000000000000c1", "prod")))
                .on("POST /api/v1/hosts", 202,
                        task("task-0000000000000003", "host.add", "host-00000000000000b1", "esx-01", "QUEUED", 0));

        var run = vrm(stub.url(), "host", "add", "--name", "esx-01", "--cluster", "prod", "--sim", "--sockets", "2",
                "--cores", "8", "--threads", "2", "--mhz", "2400", "--memory-gb", "64", "--step-delay-ms", "50");

        assertThat(run.exit()).isZero();
        assertThat(stub.lines()).containsExactly("GET /api/v1/clusters?limit=2&name=prod", "POST /api/v1/hosts");
        assertThat(json(stub.only("POST /api/v1/hosts").body())).isEqualTo(json("""
                {"name":"esx-01","clusterId":"cluster-00000000000000c1","driver":"sim",
                 "sim":{"sockets":2,"coresPerSocket":8,"threadsPerCore":2,"mhz":2400,"memoryMb":65536,
                        "stepDelayMillis":50}}"""));
    }

    @Test
    void hostTokenPrintsTheTokenAloneOnStdoutAndTheHintOnStderr() {
        String token = "vrm1.tok00000000000000t1." + "s".repeat(43) + "." + "a".repeat(64);
        stub.on("GET /api/v1/clusters?limit=2&name=edge", 200,
                        page(1, 0, 2, named("cluster-00000000000000c2", "edge")))
                .on("POST /api/v1/hosts/tokens", 201, "{\"id\":\"tok00000000000000t1\",\"token\":\"" + token
                        + "\",\"clusterId\":\"cluster-00000000000000c2\",\"hostName\":\"edge-1\","
                        + "\"expiresAt\":\"2026-11-28T23:00:00Z\",\"caSha256\":\"" + "a".repeat(64) + "\"}");

        var run = vrm(stub.url(), "host", "token", "--cluster", "edge", "--name", "edge-1", "--ttl-seconds", "600");

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).as("scripts can capture it: $(vrm host token ...)").isEqualTo(token);
        assertThat(run.err()).contains("valid until 2026-11-28T23:00:00Z").contains("vrm agent");
        assertThat(json(stub.only("POST /api/v1/hosts/tokens").body())).isEqualTo(json(
                "{\"clusterId\":\"cluster-00000000000000c2\",\"hostName\":\"edge-1\",\"ttlSeconds\":600}"));
    }

    @Test
    void vmCreateSendsEveryOptionWithReferencesResolved() {
        stub.on("GET /api/v1/datastores?limit=2&name=ssd", 200, page(1, 0, 2, named("ds-00000000000000d1", "ssd")))
                .on("GET /api/v1/portgroups?limit=2&name=backend", 200,
                        page(1, 0, 2, named("pg-00000000000000e1", "backend")))
                .on("GET /api/v1/templates?limit=2&name=base", 200, page(1, 0, 2, named("tpl-00000000000000f1", "base")))
                .on("GET /api/v1/clusters?limit=2&name=prod", 200,
                        page(1, 0, 2, named("cluster-00000000000000c1", "prod")))
                .on("GET /api/v1/hosts?limit=2&name=esx-01", 200, page(1, 0, 2, named("host-00000000000000b1", "esx-01")))
                .on("POST /api/v1/vms", 202, task("task-0000000000000004", "vm.create", "vm-00000000000000a1", "db",
                        "QUEUED", 0));

        var run = vrm(stub.url(), "vm", "create", "--name", "db", "--description", "main db", "--cpus", "4",
                "--max-cpus", "8", "--memory-gb", "16", "--disk", "100G:thick@ssd", "--disk", "20G", "--nic", "--nic",
                "backend", "--boot", "disk,network", "--cpu-shares", "high", "--cpu-reservation-mhz", "1000",
                "--cpu-limit-mhz", "8000", "--mem-shares", "5000", "--mem-reservation-mb", "4096", "--mem-limit-mb",
                "16384", "--template", "base", "--cluster", "prod", "--host", "esx-01");

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(json(stub.only("POST /api/v1/vms").body())).isEqualTo(json("""
                {"name":"db","description":"main db","clusterId":"cluster-00000000000000c1",
                 "hostId":"host-00000000000000b1","templateId":"tpl-00000000000000f1",
                 "vcpus":4,"maxVcpus":8,"memoryMb":16384,
                 "disks":[{"sizeMb":102400,"datastoreId":"ds-00000000000000d1","provisioning":"thick"},
                          {"sizeMb":20480}],
                 "nics":[{},{"portGroupId":"pg-00000000000000e1"}],
                 "bootOrder":["disk","network"],
                 "cpuQos":{"sharesLevel":"HIGH","reservationMhz":1000,"limitMhz":8000},
                 "memoryQos":{"sharesLevel":"CUSTOM","shares":5000,"reservationMb":4096,"limitMb":16384}}"""));
    }

    @Test
    void theOtherCreatesSendTheirRecords() {
        stub.on("POST /api/v1/datastores", 202, task("task-0000000000000005", "datastore.create",
                        "ds-00000000000000d1", "local", "QUEUED", 0))
                .on("POST /api/v1/portgroups", 202, task("task-0000000000000006", "portgroup.create",
                        "pg-00000000000000e1", "web", "QUEUED", 0))
                .on("POST /api/v1/templates", 202, task("task-0000000000000007", "template.create",
                        "tpl-00000000000000f1", "small", "QUEUED", 0));

        assertThat(vrm(stub.url(), "datastore", "create", "--name", "local", "--path", "/var/lib/vrm", "--capacity",
                "2T").exit()).isZero();
        assertThat(vrm(stub.url(), "portgroup", "create", "--name", "web", "--vlan", "100", "--in-avg", "100",
                "--in-peak", "200", "--in-burst", "512", "--out-avg", "50").exit()).isZero();
        assertThat(vrm(stub.url(), "template", "create", "--name", "small", "--cpus", "1", "--memory-mb", "512",
                "--disk", "8G").exit()).isZero();

        assertThat(json(stub.only("POST /api/v1/datastores").body())).isEqualTo(json(
                "{\"name\":\"local\",\"type\":\"dir\",\"path\":\"/var/lib/vrm\",\"capacityMb\":2097152}"));
        assertThat(json(stub.only("POST /api/v1/portgroups").body())).isEqualTo(json("""
                {"name":"web","vlanId":100,"qos":{"inbound":{"averageMbps":100,"peakMbps":200,"burstKb":512},
                                                  "outbound":{"averageMbps":50}}}"""));
        assertThat(json(stub.only("POST /api/v1/templates").body())).isEqualTo(json(
                "{\"name\":\"small\",\"vcpus\":1,\"memoryMb\":512,\"disks\":[{\"sizeMb\":8192}]}"));
    }

    @Test
    void aVmByIdIsCheckedThenActedOnWithoutABody() {
        stub.on("GET /api/v1/vms/vm-00000000000000a1", 200, Fixtures.vm("vm-00000000000000a1", "web-1", "RUNNING",
                        null))
                .on("POST /api/v1/vms/vm-00000000000000a1/shutdown", 202,
                        task("task-0000000000000008", "vm.shutdown", "vm-00000000000000a1", "web-1", "QUEUED", 0));

        var run = vrm(stub.url(), "vm", "shutdown", "vm-00000000000000a1", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(stub.lines()).containsExactly("GET /api/v1/vms/vm-00000000000000a1",
                "POST /api/v1/vms/vm-00000000000000a1/shutdown");
        var post = stub.only("POST /api/v1/vms/vm-00000000000000a1/shutdown");
        assertThat(post.body()).isEmpty();
        // the power verbs take several VMs, so their JSON is always an array
        assertThat(json(run.out()).isArray()).isTrue();
        assertThat(json(run.out()).get(0).path("id").asText()).isEqualTo("task-0000000000000008");
    }

    @Test
    void deleteByNameResolvesThenDeletes() {
        stub.on("GET /api/v1/templates?limit=2&name=small", 200, page(1, 0, 2, named("tpl-00000000000000f1", "small")))
                .on("DELETE /api/v1/templates/tpl-00000000000000f1", 202, task("task-0000000000000009",
                        "template.delete", "tpl-00000000000000f1", "small", "QUEUED", 0));

        var run = vrm(stub.url(), "template", "delete", "small");

        assertThat(run.exit()).isZero();
        assertThat(stub.lines()).containsExactly("GET /api/v1/templates?limit=2&name=small",
                "DELETE /api/v1/templates/tpl-00000000000000f1");
    }
}
