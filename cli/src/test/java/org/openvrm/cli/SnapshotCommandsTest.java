package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.cli.Fixtures.json;
import static org.openvrm.cli.Fixtures.page;
import static org.openvrm.cli.Fixtures.problem;
import static org.openvrm.cli.Fixtures.task;
import static org.openvrm.cli.Fixtures.vrm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code vrm vm snapshot ...} against a stub manager: the exact requests, the output, the exit code. */
class SnapshotCommandsTest {

    private static final String VM = "vm-00000000000000a1";
    private static final String SNAP = "snap-00000000000000b1";
    private static final String SNAPSHOT = """
            {"id":"snap-00000000000000b1","vmId":"vm-00000000000000a1","name":"nightly","description":"before v2",
             "state":"READY","vmState":"RUNNING","taskId":"task-0000000000000001",
             "createdAt":"2025-01-01T00:00:00Z"}""";

    private final StubServer stub = new StubServer();

    @BeforeEach
    void vm() {
        stub.on("GET /api/v1/vms?limit=2&name=web-1", 200, page(1, 0, 2, Fixtures.vm(VM, "web-1", "RUNNING", null)))
                .on("GET /api/v1/vms/" + VM, 200, Fixtures.vm(VM, "web-1", "RUNNING", null));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void createPostsTheNameAndFollowsTheTaskWithWait() {
        String queued = task("task-0000000000000001", "snapshot.create", SNAP, "nightly", "RUNNING", 0);
        stub.on("POST /api/v1/vms/" + VM + "/snapshots", 202, queued)
                .on("GET /api/v1/tasks/task-0000000000000001", 200,
                        task("task-0000000000000001", "snapshot.create", SNAP, "nightly", "SUCCEEDED", 100));

        var run = vrm(stub.url(), "vm", "snapshot", "create", "web-1", "--name", "nightly", "--wait");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(json(stub.only("POST /api/v1/vms/" + VM + "/snapshots").body()))
                .isEqualTo(json("{\"name\":\"nightly\"}"));
        assertThat(run.out()).contains("snapshot.create").contains("SUCCEEDED");
    }

    @Test
    void listShowsTheVmsSnapshotsAsATableOrThePage() {
        stub.on("GET /api/v1/vms/" + VM + "/snapshots?limit=1000&offset=0", 200, page(1, 0, 1000, SNAPSHOT));

        var table = vrm(stub.url(), "vm", "snapshot", "list", VM);
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).isEqualTo("""
                ID                     NAME     STATE  VM_STATE  CREATED               DESCRIPTION
                snap-00000000000000b1  nightly  READY  RUNNING   2025-01-01T00:00:00Z  before v2
                """);

        var asJson = vrm(stub.url(), "vm", "snapshot", "list", "web-1", "-o", "json");
        assertThat(json(asJson.out()).at("/items/0")).isEqualTo(json(SNAPSHOT));
        assertThat(json(asJson.out()).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void revertFindsTheSnapshotByNameAndPostsToIt() {
        stub.on("GET /api/v1/vms/" + VM + "/snapshots?limit=2&name=nightly", 200, page(1, 0, 2, SNAPSHOT))
                .on("POST /api/v1/vms/" + VM + "/snapshots/" + SNAP + "/revert", 202,
                        task("task-0000000000000002", "snapshot.revert", SNAP, "nightly", "RUNNING", 0));

        var run = vrm(stub.url(), "vm", "snapshot", "revert", "web-1", "nightly", "-o", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(json(run.out()).get("type").asText()).isEqualTo("snapshot.revert");
        assertThat(stub.only("POST /api/v1/vms/" + VM + "/snapshots/" + SNAP + "/revert").body()).isEmpty();
    }

    @Test
    void aRefusedRevertSaysWhyWithTheConflictExitCode() {
        stub.on("GET /api/v1/vms/" + VM + "/snapshots/" + SNAP, 200, SNAPSHOT)
                .on("POST /api/v1/vms/" + VM + "/snapshots/" + SNAP + "/revert", 409, problem(409,
                        "INSUFFICIENT_CAPACITY", "VM web-1 cannot go back to running snapshot nightly", null, null));

        var run = vrm(stub.url(), "vm", "snapshot", "revert", VM, SNAP);

        assertThat(run.exit()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(run.err()).contains("cannot go back to running snapshot nightly").contains("INSUFFICIENT_CAPACITY");
    }

    @Test
    void deleteActsOnEachSnapshotAndReportsTheOneNotFound() {
        stub.on("GET /api/v1/vms/" + VM + "/snapshots/" + SNAP, 200, SNAPSHOT)
                .on("DELETE /api/v1/vms/" + VM + "/snapshots/" + SNAP, 202,
                        task("task-0000000000000003", "snapshot.delete", SNAP, "nightly", "RUNNING", 0))
                .on("GET /api/v1/vms/" + VM + "/snapshots?limit=2&name=weekly", 200, page(0, 0, 2));

        var run = vrm(stub.url(), "vm", "snapshot", "delete", "web-1", SNAP, "weekly");

        assertThat(run.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(stub.lines()).contains("DELETE /api/v1/vms/" + VM + "/snapshots/" + SNAP);
        assertThat(run.err()).contains("error: weekly: no snapshot named or with id 'weekly'");
        assertThat(run.out()).contains("snapshot.delete");
    }

    @Test
    void anUnknownVmIsNotFound() {
        stub.on("GET /api/v1/vms?limit=2&name=nope", 200, page(0, 0, 2))
                .on("GET /api/v1/vms/nope", 404, problem(404, "NOT_FOUND", "no VM with id 'nope'", "id", null));

        var run = vrm(stub.url(), "vm", "snapshot", "list", "nope");

        assertThat(run.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(run.err()).contains("no VM named or with id 'nope'");
    }
}
