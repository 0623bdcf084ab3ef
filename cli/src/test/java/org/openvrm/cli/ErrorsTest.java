package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.cli.Fixtures.page;
import static org.openvrm.cli.Fixtures.problem;
import static org.openvrm.cli.Fixtures.vrm;

import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a command can fail, and the exit code and stderr each gives. Never a stack trace. */
class ErrorsTest {

    private final StubServer stub = new StubServer();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void badRequestExitsTwoWithEveryFieldError() {
        // as the manager sends it: the first of several field errors is also the headline
        stub.on("POST /api/v1/clusters", 400, problem(400, "INVALID_NAME", "name must be 1 to 80 characters",
                "name", "\"errors\":[{\"field\":\"name\",\"code\":\"INVALID_NAME\",\"message\":\"name must be 1 to 80 "
                        + "characters\"},{\"field\":\"description\",\"code\":\"TOO_LONG\",\"message\":\"description "
                        + "is too long\"}]"));

        var run = vrm(stub.url(), "cluster", "create", "--name", "!bad");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("""
                error: name must be 1 to 80 characters [code INVALID_NAME, field name]
                  description is too long [code TOO_LONG, field description]
                """);
    }

    @Test
    void notFoundByIdExitsThree() {
        stub.on("GET /api/v1/tasks/task-0000000000000404", 404,
                problem(404, "NOT_FOUND", "no task with id 'task-0000000000000404'", "id", null));

        var run = vrm(stub.url(), "task", "get", "task-0000000000000404");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("error: no task with id 'task-0000000000000404' [code NOT_FOUND, field id]\n");
    }

    @Test
    void aNameThatMatchesNothingExitsThree() {
        stub.on("GET /api/v1/vms?limit=2&name=ghost", 200, page(0, 0, 2));

        var run = vrm(stub.url(), "vm", "get", "ghost");

        assertThat(run.exit()).isEqualTo(3);
        // by name first, then by id in case it is one of another shape (the stub has no such VM: 404)
        assertThat(stub.lines()).containsExactly("GET /api/v1/vms?limit=2&name=ghost", "GET /api/v1/vms/ghost");
        assertThat(run.err()).isEqualTo("error: no VM named or with id 'ghost'\n");
    }

    @Test
    void conflictExitsFour() {
        stub.on("POST /api/v1/clusters", 409,
                problem(409, "NAME_TAKEN", "a cluster named 'prod' already exists", "name", null));

        var run = vrm(stub.url(), "cluster", "create", "--name", "prod");

        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("error: a cluster named 'prod' already exists [code NAME_TAKEN, field name]\n");
    }

    @Test
    void unprocessableExitsFourAndGivesEachReason() {
        stub.on("POST /api/v1/vms", 422, problem(422, "NO_HOST_FITS", "no host can run VM big", null,
                "\"reasons\":[\"esx-01: needs 64 vCPUs, has 32 logical CPUs\",\"esx-02: DISCONNECTED\"]"));

        var run = vrm(stub.url(), "vm", "create", "--name", "big", "--cpus", "64", "--memory-gb", "512");

        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("""
                error: no host can run VM big [code NO_HOST_FITS]
                  esx-01: needs 64 vCPUs, has 32 logical CPUs
                  esx-02: DISCONNECTED
                """);
    }

    @Test
    void serverErrorExitsSix() {
        stub.on("GET /api/v1/about", 500, problem(500, "INTERNAL_ERROR",
                "the manager hit an unexpected error; it is in the manager's log", null, null));

        var run = vrm(stub.url(), "about");

        assertThat(run.exit()).isEqualTo(6);
        assertThat(run.err()).isEqualTo(
                "error: the manager hit an unexpected error; it is in the manager's log [code INTERNAL_ERROR]\n");
    }

    @Test
    void anAnswerThatIsNotProblemJsonStillReadsWell() {
        stub.on("GET /api/v1/about", 502, "<html>Bad Gateway</html>");

        var run = vrm(stub.url(), "about");

        assertThat(run.exit()).isEqualTo(6);
        assertThat(run.err()).isEqualTo("error: GET /api/v1/about answered HTTP 502: <html>Bad Gateway</html>\n");
    }

    @Test
    void connectionRefusedExitsFive() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free now, and closed: nothing listens there
        }
        String url = "http://127.0.0.1:" + port + "/api/v1";

        var run = vrm(url, "vm", "list");

        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: cannot reach the manager at " + url + ": connection refused "
                + "(is it running? start one with 'vrm up', or point --url / VRM_URL at it)\n");
    }

    @Test
    void badFlagsExitTwoBeforeAnyRequest() {
        var unknown = vrm(stub.url(), "vm", "list", "--colour");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: Unknown option: '--colour'").contains("Try 'vrm vm list --help'");

        var diskWithoutUnit = vrm(stub.url(), "vm", "create", "--name", "x", "--disk", "20");
        assertThat(diskWithoutUnit.exit()).isEqualTo(2);
        assertThat(diskWithoutUnit.err()).isEqualTo(
                "error: --disk size '20' needs a unit: M, G or T (e.g. 20G or 512M)\n");

        var badShares = vrm(stub.url(), "vm", "create", "--name", "x", "--cpu-shares", "lots");
        assertThat(badShares.exit()).isEqualTo(2);

        var missingName = vrm(stub.url(), "cluster", "create");
        assertThat(missingName.exit()).isEqualTo(2);
        assertThat(missingName.err()).startsWith("error: Missing required option: '--name=NAME'");

        var badFormat = vrm(stub.url(), "-o", "yaml", "vm", "list");
        assertThat(badFormat.exit()).isEqualTo(2);

        var noVerb = vrm(stub.url(), "vm");
        assertThat(noVerb.exit()).isEqualTo(2);
        assertThat(noVerb.err()).startsWith("error: 'vrm vm' needs a subcommand: list, get, create, start,");

        var nothingToStart = vrm(stub.url(), "vm", "start");
        assertThat(nothingToStart.exit()).isEqualTo(2);
        assertThat(nothingToStart.err()).isEqualTo("error: name the VMs to start, or give --all (with filters)\n");

        var filterWithoutAll = vrm(stub.url(), "vm", "stop", "web-1", "--name", "web*");
        assertThat(filterWithoutAll.exit()).isEqualTo(2);

        var simOnly = vrm(stub.url(), "host", "add", "--name", "h", "--cluster", "c", "--cores", "4");
        assertThat(simOnly.exit()).isEqualTo(2);
        var simNeedsHardware = vrm(stub.url(), "host", "add", "--name", "h", "--cluster", "c", "--sim", "--cores", "4");
        assertThat(simNeedsHardware.err()).isEqualTo(
                "error: a simulated host needs --mhz, --memory-gb (or --memory-mb)\n");

        var tooMany = vrm(stub.url(), "vm", "create", "--name", "x", "--count", "0");
        assertThat(tooMany.exit()).isEqualTo(2);

        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void helpListsTheExitCodes() {
        var run = vrm(stub.url(), "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: vrm", "cluster", "host", "datastore", "portgroup", "template", "vm",
                "task", "event", "about", "Exit codes:");
        for (ExitCode code : ExitCode.values()) {
            assertThat(run.out()).contains("  " + code.code() + "  " + code.meaning());
        }
    }
}
