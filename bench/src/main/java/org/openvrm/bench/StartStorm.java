package org.openvrm.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part 3 of the real-guest benchmark: N tiny guests created through the API, then all started at once (N concurrent
 * start requests), timed until all are RUNNING and until every guest agent answers, with the machine's CPU and
 * memory sampled and {@code GET /vms} timed throughout, to see whether the manager stays responsive.
 */
final class StartStorm {

    /**
     * Seconds from the release of the N start requests. {@code startTasks}: each start task's finishedAt after the
     * release. {@code agents}: when each agent first answered; its resolution is one round of pings (each a virsh
     * process) over the guests still silent, reported as {@code pingRoundSeconds}.
     */
    record Outcome(int guests, int memoryMb, double createSeconds, double startPostMaxMs, double allRunning,
                   Latencies.Summary startTasks, Latencies.Summary agents, int agentsAnswered, double pingRoundSeconds,
                   MachineSampler.Summary machine, Latencies.Summary idleGets, Latencies.Summary stormGets,
                   int getErrors, double stormSeconds, long qemuRssMb, int startErrors) {}

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Lab lab;

    StartStorm(Lab lab) {
        this.lab = lab;
    }

    Outcome run(int guests, int memoryMb) throws Exception {
        List<String> vms = new ArrayList<>();
        try {
            return storm(guests, memoryMb, vms);
        } finally {
            removeAll(vms);
        }
    }

    private Outcome storm(int guests, int memoryMb, List<String> vms) throws Exception {
        Lab slow = lab.withPoll(250); // 20 threads waiting: polls that are not timed stay cheap
        long c0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 1; i <= guests; i++) {
                String name = String.format("storm-%02d", i);
                created.add(pool.submit(() -> slow.change("/vms", lab.vmBody(name, memoryMb), LIMIT).task()
                        .get("targetId").asText()));
            }
            for (Future<String> f : created) {
                vms.add(f.get());
            }
        }
        double createSeconds = (System.nanoTime() - c0) / 1e9;
        CreateStartBench.log(guests + " storm VMs created in " + Math.round(createSeconds) + " s");

        var idle = new Latencies(64);
        for (int i = 0; i < 50; i++) {
            idle.add(lab.api().get("/vms?limit=100").nanos());
            Lab.sleep(50);
        }

        var gets = new Latencies(4096);
        var getErrors = new AtomicInteger();
        var reading = new AtomicBoolean(true);
        Thread reader = Thread.ofVirtual().start(() -> {
            while (reading.get()) {
                try {
                    Api.Reply r = lab.api().get("/vms?limit=100");
                    gets.add(r.nanos());
                    if (r.status() != 200) {
                        getErrors.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    getErrors.incrementAndGet();
                }
                Lab.sleep(100);
            }
        });
        var gate = new CountDownLatch(1);
        var postMax = new double[1];
        var startErrors = new AtomicInteger();
        String[] taskIds = new String[guests];
        long t0;
        long t0Ms;
        double allRunning;
        long[] agentAt = new long[guests];
        double pingRound = 0;
        int answered = 0;
        MachineSampler.Summary machine;
        long qemuRss;
        try (var sampler = new MachineSampler(500)) {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < guests; i++) {
                    int k = i;
                    pool.execute(() -> {
                        awaitGate(gate);
                        try {
                            Api.Reply r = lab.api().post("/vms/" + vms.get(k) + "/start", null);
                            synchronized (postMax) {
                                postMax[0] = Math.max(postMax[0], r.nanos() / 1e6);
                            }
                            if (r.accepted()) {
                                taskIds[k] = r.body().get("id").asText();
                                return;
                            }
                            CreateStartBench.log("start of storm VM " + vms.get(k) + ": " + r.status() + " " + r.body());
                        } catch (RuntimeException e) {
                            CreateStartBench.log("start of storm VM " + vms.get(k) + ": " + e);
                        }
                        startErrors.incrementAndGet();
                    });
                }
                Lab.sleep(200); // every client thread is parked on the gate
                t0 = System.nanoTime();
                t0Ms = System.currentTimeMillis();
                gate.countDown();
            }
            int accepted = guests - startErrors.get(); // a start that failed is reported, not waited for
            while (lab.api().total("/vms?name=storm-*&state=RUNNING") < accepted) {
                if (System.nanoTime() - t0 > LIMIT.toNanos()) {
                    throw new IllegalStateException("not all storm VMs RUNNING after " + LIMIT);
                }
                Lab.sleep(lab.pollMillis());
            }
            allRunning = (System.nanoTime() - t0) / 1e9;
            CreateStartBench.log(String.format("all %d started storm VMs RUNNING after %.1f s", accepted, allRunning));

            Arrays.fill(agentAt, -1);
            int rounds = 0;
            long pingNanos = 0;
            while (answered < accepted && System.nanoTime() - t0 < LIMIT.toNanos()) {
                long r0 = System.nanoTime();
                for (int i = 0; i < guests; i++) {
                    if (agentAt[i] < 0 && taskIds[i] != null && Shell.guestPing(lab.domainOf(vms.get(i)))) {
                        agentAt[i] = System.nanoTime() - t0;
                        answered++;
                    }
                }
                rounds++;
                pingNanos += System.nanoTime() - r0;
                if (answered < accepted) {
                    Lab.sleep(500); // each ping is a virsh process: do not add a ping storm to the boot storm
                }
            }
            pingRound = pingNanos / 1e9 / Math.max(1, rounds);
            qemuRss = 0;
            for (int i = 0; i < guests; i++) {
                if (taskIds[i] != null) {
                    qemuRss += MachineSampler.rssMb(EventLatency.qemuOf(lab.domainOf(vms.get(i))));
                }
            }
            machine = sampler.summary();
        } finally {
            reading.set(false);
        }
        reader.join();
        double stormSeconds = (System.nanoTime() - t0) / 1e9;
        CreateStartBench.log(answered + " of " + guests + " storm agents answered");

        var startTasks = new Latencies(guests);
        for (String id : taskIds) {
            if (id == null) {
                continue;
            }
            String finished = lab.api().read("/tasks/" + id).path("finishedAt").asText(null);
            if (finished != null) {
                startTasks.add((Instant.parse(finished).toEpochMilli() - t0Ms) * 1_000_000L);
            }
        }
        var agents = new Latencies(guests);
        Arrays.stream(agentAt).filter(a -> a >= 0).forEach(agents::add);
        return new Outcome(guests, memoryMb, createSeconds, postMax[0], allRunning, startTasks.summary(),
                agents.summary(), answered, pingRound, machine, idle.summary(), gets.summary(), getErrors.get(),
                stormSeconds, qemuRss, startErrors.get());
    }

    /** Stops and deletes every storm VM, concurrently; the driver removes the overlays with the domains. */
    private void removeAll(List<String> vms) {
        Lab slow = lab.withPoll(250);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String vm : vms) {
                pool.execute(() -> {
                    try {
                        slow.removeVm(vm);
                    } catch (RuntimeException e) {
                        CreateStartBench.log("could not remove storm VM " + vm + ": " + e.getMessage());
                    }
                });
            }
        }
    }

    private static void awaitGate(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
