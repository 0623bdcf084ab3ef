package org.openvrm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The real-guest benchmark's world: a manager whose one host is this machine's libvirtd, a datastore directory, a
 * port group, and the tiny guest image every VM is a linked clone of. Also the API calls the parts share, each
 * waiting by polling (the API has no push), with the poll interval stated so its delay can be reported.
 *
 * @param managerPrefix the domain-name prefix of the manager's libvirt driver ({@code vrm-bench-<random>-m-})
 * @param virshPrefix the prefix of domains the benchmark makes itself with virsh, never under the manager's
 */
record Lab(Api api, String managerPrefix, String virshPrefix, Path datastore, Path image, long pollMillis) {

    /** A task as finally seen, and when (this JVM's wall clock, which is also the manager's). */
    record Seen(JsonNode task, long observedMillis) {

        long createdMillis() {
            return millis("createdAt");
        }

        long startedMillis() {
            return millis("startedAt");
        }

        long finishedMillis() {
            return millis("finishedAt");
        }

        private long millis(String field) {
            return task.hasNonNull(field) ? Instant.parse(task.get(field).asText()).toEpochMilli() : -1;
        }
    }

    /** The same lab polling at another interval: slower where many threads wait and nothing is timed. */
    Lab withPoll(long millis) {
        return new Lab(api, managerPrefix, virshPrefix, datastore, image, millis);
    }

    String domainOf(String vmId) {
        return managerPrefix + vmId;
    }

    /** One cluster, this machine as a libvirt host, the datastore and a port group (whose bridge the agent makes). */
    String setUp() {
        String cluster = setup("/clusters", Map.of("name", "real")).get("targetId").asText();
        setup("/hosts", Map.of("name", "this-machine", "clusterId", cluster, "driver", "libvirt"));
        setup("/datastores", Map.of("name", "ds", "type", "dir", "path", datastore.toString(), "capacityMb", 100_000));
        String portGroup = setup("/portgroups", Map.of("name", "pg")).get("targetId").asText();
        return api.read("/portgroups/" + portGroup).get("bridge").asText();
    }

    private JsonNode setup(String path, Object body) {
        Api.Reply r = api.post(path, body);
        if (!r.accepted()) {
            throw new IllegalStateException("POST " + path + " answered " + r.status() + ": " + r.body());
        }
        Seen done = awaitTask(r.body().get("id").asText(), Duration.ofMinutes(2));
        if (!"SUCCEEDED".equals(done.task().get("state").asText())) {
            throw new IllegalStateException("POST " + path + ": " + done.task());
        }
        return done.task();
    }

    /** The body of a tiny-guest VM: 1 vCPU, a linked clone of the image as its only disk, one NIC. */
    Map<String, Object> vmBody(String name, int memoryMb) {
        return Map.of("name", name, "vcpus", 1, "memoryMb", memoryMb,
                "disks", List.of(Map.of("sizeMb", 64, "image", image.toString())), "nics", List.of(Map.of()));
    }

    /** POSTs a change that must be accepted; returns the 202 reply (its body is the task). */
    Api.Reply accept(String path, Object body) {
        Api.Reply r = api.post(path, body);
        if (!r.accepted()) {
            throw new IllegalStateException("POST " + path + " answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    Seen awaitTask(String taskId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode task = api.read("/tasks/" + taskId);
            long seen = System.currentTimeMillis();
            String state = task.get("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return new Seen(task, seen);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("task " + taskId + " not finished after " + timeout + ": " + task);
            }
            sleep(pollMillis);
        }
    }

    /** Runs a change to its end and insists it SUCCEEDED. */
    Seen change(String path, Object body, Duration timeout) {
        Seen done = awaitTask(accept(path, body).body().get("id").asText(), timeout);
        if (!"SUCCEEDED".equals(done.task().get("state").asText())) {
            throw new IllegalStateException("POST " + path + " failed: " + done.task());
        }
        return done;
    }

    String vmState(String vmId) {
        return api.read("/vms/" + vmId).get("state").asText();
    }

    /** Polls the VM until the API shows one of {@code states}; returns this JVM's nanoTime when it did. */
    long awaitVmState(String vmId, Duration timeout, String... states) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> wanted = List.of(states);
        while (true) {
            String state = vmState(vmId);
            long now = System.nanoTime();
            if (wanted.contains(state)) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("VM " + vmId + " is " + state + ", not " + wanted + " after " + timeout);
            }
            sleep(pollMillis);
        }
    }

    /** Polls guest-ping until the agent answers; returns nanoTime then, or -1 after the timeout. */
    long awaitAgent(String domain, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Shell.guestPing(domain)) {
                return System.nanoTime();
            }
            sleep(100);
        }
        return -1;
    }

    /** Forces the VM off if it runs and deletes it through the API; the driver deletes its overlay. */
    void removeVm(String vmId) {
        String state = vmState(vmId);
        if (!state.equals("STOPPED") && !state.equals("CRASHED")) {
            change("/vms/" + vmId + "/stop", null, Duration.ofMinutes(2));
        }
        Api.Reply r = api.delete("/vms/" + vmId);
        if (!r.accepted()) {
            throw new IllegalStateException("DELETE VM " + vmId + " answered " + r.status() + ": " + r.body());
        }
        awaitTask(r.body().get("id").asText(), Duration.ofMinutes(2));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
