package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.cli.Fixtures.json;
import static org.openvrm.cli.Fixtures.page;
import static org.openvrm.cli.Fixtures.problem;
import static org.openvrm.cli.Fixtures.task;
import static org.openvrm.cli.Fixtures.vm;
import static org.openvrm.cli.Fixtures.vrm;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands over many VMs: each target reported, the exit code of the first that failed. */
class BulkCommandsTest {

    private final StubServer stub = new StubServer();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void startAllMatchingReportsEachVm() {
        stub.on("GET /api/v1/vms?limit=1000&name=web*&offset=0", 200, page(3, 0, 1000,
                        vm("vm-00000000000000a1", "web-1", "STOPPED", null),
                        vm("vm-00000000000000a2", "web-2", "RUNNING", "host-00000000000000b1"),
                        vm("vm-00000000000000a3", "web-3", "STOPPED", null)))
                .on("POST /api/v1/vms/vm-00000000000000a1/start", 202,
                        task("task-00000000000000a1", "vm.start", "vm-00000000000000a1", "web-1", "QUEUED", 0))
                .on("POST /api/v1/vms/vm-00000000000000a2/start", 409,
                        problem(409, "INVALID_STATE", "VM web-2 is RUNNING; start needs STOPPED", "state", null))
                .on("POST /api/v1/vms/vm-00000000000000a3/start", 202,
                        task("task-00000000000000a3", "vm.start", "vm-00000000000000a3", "web-3", "QUEUED", 0));

        var run = vrm(stub.url(), "vm", "start", "--all", "--name", "web*");

        assertThat(run.exit()).isEqualTo(4);
        assertThat(stub.lines()).containsExactlyInAnyOrder("GET /api/v1/vms?limit=1000&name=web*&offset=0",
                "POST /api/v1/vms/vm-00000000000000a1/start", "POST /api/v1/vms/vm-00000000000000a2/start",
                "POST /api/v1/vms/vm-00000000000000a3/start");
        assertThat(run.err()).isEqualTo(
                "error: web-2: VM web-2 is RUNNING; start needs STOPPED [code INVALID_STATE, field state]\n");
        // in the order of the list, whatever order the concurrent answers came in
        assertThat(run.out()).isEqualTo("""
                ID                     TYPE      TARGET  TARGET_ID            STATE   PROGRESS  MESSAGE
                task-00000000000000a1  vm.start  web-1   vm-00000000000000a1  QUEUED        0%  -
                task-00000000000000a3  vm.start  web-3   vm-00000000000000a3  QUEUED        0%  -
                """);
    }

    @Test
    void namedVmsEachResolvedAndTheFirstFailureSetsTheExitCode() {
        stub.on("GET /api/v1/vms?limit=2&name=web-1", 200, page(1, 0, 2, vm("vm-00000000000000a1", "web-1",
                        "RUNNING", null)))
                .on("GET /api/v1/vms?limit=2&name=ghost", 200, page(0, 0, 2))
                .on("POST /api/v1/vms/vm-00000000000000a1/stop", 202,
                        task("task-00000000000000a1", "vm.stop", "vm-00000000000000a1", "web-1", "QUEUED", 0));

        var run = vrm(stub.url(), "vm", "stop", "ghost", "web-1");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("error: ghost: no VM named or with id 'ghost'\n");
        assertThat(run.out()).contains("task-00000000000000a1  vm.stop  web-1");
        assertThat(stub.lines()).contains("POST /api/v1/vms/vm-00000000000000a1/stop");
    }

    @Test
    void deleteAllWithNothingMatchingIsNotAnError() {
        stub.on("GET /api/v1/vms?limit=1000&offset=0&state=CRASHED", 200, page(0, 0, 1000));

        var run = vrm(stub.url(), "vm", "delete", "--all", "--state", "CRASHED", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(json(run.out())).isEqualTo(json("[]"));
        assertThat(run.err()).isEqualTo("no VMs match; nothing to delete\n");
    }

    @Test
    void countCreatesNumberedVmsAndWaitsForAll() {
        for (int i = 1; i <= 3; i++) {
            String id = "task-00000000000000c" + i;
            stub.on("POST /api/v1/vms", 202, task(id, "vm.create", "vm-00000000000000a" + i, "app-" + i, "QUEUED", 0))
                    .on("GET /api/v1/tasks/" + id, 200,
                            task(id, "vm.create", "vm-00000000000000a" + i, "app-" + i, "SUCCEEDED", 100));
        }

        var run = vrm(stub.url(), "vm", "create", "--name", "app", "--count", "3", "--memory-mb", "256", "--wait");

        assertThat(run.exit()).isZero();
        var posted = stub.requests().stream().filter(r -> r.line().equals("POST /api/v1/vms"))
                .map(r -> json(r.body())).toList();
        assertThat(posted).hasSize(3);
        assertThat(posted.stream().map(b -> b.path("name").asText()).toList())
                .containsExactlyInAnyOrder("app-1", "app-2", "app-3");
        assertThat(posted).allSatisfy(b -> assertThat(b.path("memoryMb").asLong()).isEqualTo(256));
        assertThat(run.out().lines().filter(l -> l.contains("SUCCEEDED")).count()).isEqualTo(3);
    }

    @Test
    void createWithStartStartsEachVmOnceCreated() {
        stub.on("POST /api/v1/vms", 202,
                        task("task-00000000000000c1", "vm.create", "vm-00000000000000a1", "solo", "QUEUED", 0))
                .on("GET /api/v1/tasks/task-00000000000000c1", 200,
                        task("task-00000000000000c1", "vm.create", "vm-00000000000000a1", "solo", "SUCCEEDED", 100))
                .on("POST /api/v1/vms/vm-00000000000000a1/start", 202,
                        task("task-00000000000000d1", "vm.start", "vm-00000000000000a1", "solo", "QUEUED", 0))
                .on("GET /api/v1/tasks/task-00000000000000d1", 200,
                        task("task-00000000000000d1", "vm.start", "vm-00000000000000a1", "solo", "RUNNING", 50))
                .on("GET /api/v1/tasks/task-00000000000000d1", 200,
                        task("task-00000000000000d1", "vm.start", "vm-00000000000000a1", "solo", "SUCCEEDED", 100));

        var run = vrm(stub.url(), "vm", "create", "--name", "solo", "--start", "--wait", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(stub.lines()).containsExactly("POST /api/v1/vms", "GET /api/v1/tasks/task-00000000000000c1",
                "POST /api/v1/vms/vm-00000000000000a1/start", "GET /api/v1/tasks/task-00000000000000d1",
                "GET /api/v1/tasks/task-00000000000000d1");
        var tasks = json(run.out());
        assertThat(List.of(tasks.get(0).path("type").asText(), tasks.get(1).path("type").asText()))
                .containsExactly("vm.create", "vm.start");
        assertThat(tasks.get(1).path("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aVmThatFailsToCreateIsNotStarted() {
        stub.on("POST /api/v1/vms", 202,
                        task("task-00000000000000c1", "vm.create", "vm-00000000000000a1", "solo", "QUEUED", 0))
                .on("GET /api/v1/tasks/task-00000000000000c1", 200, Fixtures.failedTask("task-00000000000000c1",
                        "vm.create", "vm-00000000000000a1", "solo", "DISK_FAILED", "the datastore is full"));

        var run = vrm(stub.url(), "vm", "create", "--name", "solo", "--start");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(stub.lines()).containsExactly("POST /api/v1/vms", "GET /api/v1/tasks/task-00000000000000c1");
        assertThat(run.err()).contains("error: solo: task task-00000000000000c1 (vm.create solo) failed: "
                + "the datastore is full [code DISK_FAILED]");
    }

    @Test
    void taskWaitFollowsSeveralAndExitsOneWhenOneFailed() {
        stub.on("GET /api/v1/tasks/task-0000000000000001", 200,
                        task("task-0000000000000001", "vm.start", "vm-00000000000000a1", "web-1", "RUNNING", 10))
                .on("GET /api/v1/tasks/task-0000000000000001", 200,
                        task("task-0000000000000001", "vm.start", "vm-00000000000000a1", "web-1", "SUCCEEDED", 100))
                .on("GET /api/v1/tasks/task-0000000000000002", 200, Fixtures.failedTask("task-0000000000000002",
                        "vm.start", "vm-00000000000000a2", "web-2", "HOST_DOWN", "the host stopped answering"));

        var run = vrm(stub.url(), "task", "wait", "task-0000000000000001", "task-0000000000000002");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("SUCCEEDED", "FAILED");
        assertThat(run.err()).contains("error: task-0000000000000002: task task-0000000000000002 (vm.start web-2) "
                + "failed: the host stopped answering [code HOST_DOWN]");
    }
}
