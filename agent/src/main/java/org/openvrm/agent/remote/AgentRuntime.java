package org.openvrm.agent.remote;

import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the agents of one process share: the Netty event loops their channels run on, the scheduler that fires
 * their guest-poll ticks and the executor their gRPC callbacks run on. One {@code vrm agent} owns one; a fleet
 * ({@link Fleet}) gives one to all its agents, so 10,000 agents cost a few platform threads, not 10,000 x several.
 */
public final class AgentRuntime implements AutoCloseable {

    private final EventLoopGroup eventLoops;
    private final ScheduledExecutorService ticks;
    private final ExecutorService callbacks = Executors.newVirtualThreadPerTaskExecutor();
    /*
     * Registrations in flight at once. A registration whose answer is lost after the manager committed it has burnt
     * its one-time token, and its agent can never register: 2,000 at once on a busy manager lost some to the 60 s
     * deadline. A few at a time keeps each one quick.
     */
    private final Semaphore registrations = new Semaphore(8);

    /** @param ioThreads Netty event loop threads for every channel of this process */
    public AgentRuntime(int ioThreads) {
        this.eventLoops = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-ticks");
            t.setDaemon(true);
            return t;
        });
    }

    EventLoopGroup eventLoops() {
        return eventLoops;
    }

    ScheduledExecutorService ticks() {
        return ticks;
    }

    ExecutorService callbacks() {
        return callbacks;
    }

    Semaphore registrations() {
        return registrations;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        callbacks.shutdownNow();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
