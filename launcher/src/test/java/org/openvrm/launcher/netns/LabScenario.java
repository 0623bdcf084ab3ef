package org.openvrm.launcher.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.openvrm.launcher.testkit.VrmRest;

/**
 * The starting point both lab tests share: a {@link NetworkLab} of three hosts, the manager and an agent per host
 * (each registered with its own token), and one VM created and started on each host. Closing it stops every
 * process first, then removes the network, whatever failed before.
 */
final class LabScenario implements AutoCloseable {

    static final int HOSTS = 3;

    final NetworkLab lab;
    final LabFleet fleet;
    final VrmRest rest;
    /** Host number to the id the manager gave it. */
    final Map<Integer, String> hostIds = new TreeMap<>();
    /** Host number to the id of the VM started on it. */
    final Map<Integer, String> vms = new TreeMap<>();

    private LabScenario(NetworkLab lab, LabFleet fleet) {
        this.lab = lab;
        this.fleet = fleet;
        this.rest = fleet.rest();
    }

    static LabScenario start(Path dir) throws Exception {
        NetworkLab lab = NetworkLab.create(HOSTS);
        LabFleet fleet;
        try {
            fleet = new LabFleet(lab, dir);
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
        LabScenario s = new LabScenario(lab, fleet);
        try {
            s.bringUp();
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    private void bringUp() throws Exception {
        fleet.startManager();
        for (int h = 1; h <= HOSTS; h++) {
            fleet.startAgent(h, fleet.token(h));
        }
        for (int h = 1; h <= HOSTS; h++) {
            int host = h;
            rest.await(LabFleet.name(h) + " CONNECTED", () -> fleet.hostState(host).equals("CONNECTED"));
            hostIds.put(h, fleet.host(h).get("id").asText());
            assertThat(fleet.host(h).get("driver").asText()).isEqualTo("remote");
        }
        for (int h = 1; h <= HOSTS; h++) {
            vms.put(h, createVm("vm-" + h, h));
        }
        for (int h = 1; h <= HOSTS; h++) {
            assertThat(rest.awaitTask(rest.postForId("/vms/" + vms.get(h) + "/start", ""))).isEqualTo("SUCCEEDED");
            assertThat(vmState(vms.get(h))).isEqualTo("RUNNING");
        }
    }

    /** Creates a VM on host {@code h} (not started) and returns its id. */
    String createVm(String name, int h) throws InterruptedException {
        return rest.create("/vms", "{\"name\":\"" + name + "\",\"hostId\":\"" + hostIds.get(h)
                + "\",\"vcpus\":1,\"memoryMb\":256}");
    }

    String vmState(String vm) {
        return rest.get("/vms/" + vm).path("state").asText();
    }

    /** The codes of host {@code h}'s active alarms. */
    String activeAlarms(int h) {
        return rest.get("/alarms?active=true&resourceId=" + hostIds.get(h)).path("items").findValuesAsText("code")
                .toString();
    }

    /** How many events of {@code type} name host (or VM) {@code targetId}. */
    int events(String type, String targetId) {
        return rest.get("/events?type=" + type + "&targetId=" + targetId).path("total").asInt();
    }

    /** Everything the manager records, counted: hosts (local + the lab's) and VMs. */
    void assertNothingDuplicated(int expectedVms) {
        assertThat(rest.get("/hosts").get("total").asInt()).as("local + one per lab host").isEqualTo(HOSTS + 1);
        assertThat(rest.get("/vms").get("total").asInt()).as("VMs").isEqualTo(expectedVms);
    }

    @Override
    public void close() {
        try {
            fleet.close();
        } finally {
            lab.close();
        }
    }
}
