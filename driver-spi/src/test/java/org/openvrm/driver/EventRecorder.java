package org.openvrm.driver;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A listener that keeps every event so a test can wait for one. Drivers may deliver events asynchronously (libvirt
 * does) and may add events of their own, so tests wait for the event they expect instead of asserting on a list.
 */
public final class EventRecorder implements DomainEventListener {

    /** One delivered event. */
    public record Event(DomainStatus status, StateChangeCause cause) {
        public Event {
            requireNonNull(status, "status is null");
            requireNonNull(cause, "cause is null");
        }
    }

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();

    @Override
    public void onStateChanged(DomainStatus status, StateChangeCause cause) {
        events.add(new Event(status, cause));
    }

    /**
     * Waits for an event of {@code vmId} with the given state and cause; events before it are consumed.
     *
     * @throws AssertionError when none arrives within {@code timeout}
     */
    public Event await(String vmId, PowerState state, StateChangeCause cause, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event;
            try {
                event = left <= 0 ? events.poll() : events.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for an event", e);
            }
            if (event == null) {
                throw new AssertionError("no %s/%s event for %s within %s; saw %s"
                        .formatted(state, cause, vmId, timeout, seenSoFar()));
            }
            synchronized (seen) {
                seen.add(event);
            }
            if (event.status().vmId().equals(vmId) && event.status().state() == state && event.cause() == cause) {
                return event;
            }
        }
    }

    /** Every event of {@code vmId} delivered so far (consumed or not), in order of delivery. */
    public List<Event> eventsOf(String vmId) {
        List<Event> all = new ArrayList<>(seenSoFar());
        all.addAll(events);
        return all.stream().filter(e -> e.status().vmId().equals(vmId)).toList();
    }

    private List<Event> seenSoFar() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }
}
