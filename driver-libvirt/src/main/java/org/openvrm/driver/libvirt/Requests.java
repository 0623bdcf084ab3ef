package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.openvrm.driver.PowerState;

/**
 * Tells events our own calls caused from the others. While a call on a domain is in flight every event of it is
 * ours. libvirt delivers events asynchronously, so one may arrive just after the call returned: a call that changed
 * the state leaves an expectation of its target state behind, which the first matching event takes (or which runs
 * out after {@code linger}). A quiet call's expectation also hides the late intermediate events before its target.
 * Thread-safe.
 */
final class Requests {

    /** One call in flight; {@code quiet} calls hide their intermediate events (only the target state is told). */
    record Ticket(String domain, PowerState target, boolean quiet) {
        Ticket {
            requireNonNull(domain, "domain is null");
            requireNonNull(target, "target is null");
        }
    }

    /** What to do with an event. */
    enum Verdict { OURS, OURS_HIDDEN, NOT_OURS }

    private record Expectation(PowerState state, long deadlineNanos, boolean quiet) {
    }

    private final Duration linger;
    private final LongSupplier nanoClock;
    private final Map<String, List<Ticket>> open = new HashMap<>();
    private final Map<String, List<Expectation>> expected = new HashMap<>();
    private final Set<Ticket> satisfied = Collections.newSetFromMap(new IdentityHashMap<>());

    Requests(Duration linger, LongSupplier nanoClock) {
        this.linger = requireNonNull(linger, "linger is null");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
    }

    synchronized Ticket begin(String domain, PowerState target, boolean quiet) {
        Ticket ticket = new Ticket(domain, target, quiet);
        open.computeIfAbsent(domain, d -> new ArrayList<>()).add(ticket);
        return ticket;
    }

    /**
     * @param changed whether the call changed the state, so that a late event of its target is still ours (unless
     *     that event already came while the call was in flight)
     */
    synchronized void end(Ticket ticket, boolean changed) {
        List<Ticket> tickets = open.get(ticket.domain());
        if (tickets != null) {
            tickets.removeIf(t -> t == ticket);
            if (tickets.isEmpty()) {
                open.remove(ticket.domain());
            }
        }
        if (!changed) {
            satisfied.remove(ticket);
        }
        if (changed && !satisfied.remove(ticket)) {
            expected.computeIfAbsent(ticket.domain(), d -> new ArrayList<>())
                    .add(new Expectation(ticket.target(), nanoClock.getAsLong() + linger.toNanos(), ticket.quiet()));
        }
    }

    /** Whose the event of {@code domain} that leads to {@code state} is; an expectation it meets is used up. */
    synchronized Verdict classify(String domain, PowerState state) {
        long now = nanoClock.getAsLong();
        List<Expectation> waiting = expected.get(domain);
        boolean met = false;
        boolean hushed = false;
        if (waiting != null) {
            waiting.removeIf(e -> e.deadlineNanos() - now < 0);
            hushed = waiting.stream().anyMatch(e -> e.quiet() && e.state() != state);
            for (int i = 0; i < waiting.size() && !met; i++) {
                if (waiting.get(i).state() == state) {
                    waiting.remove(i);
                    met = true;
                }
            }
            if (waiting.isEmpty()) {
                expected.remove(domain);
            }
        }
        List<Ticket> tickets = open.get(domain);
        if (tickets != null && !tickets.isEmpty()) {
            tickets.stream().filter(t -> t.target() == state).forEach(satisfied::add);
            boolean quiet = tickets.stream().allMatch(Ticket::quiet);
            boolean target = tickets.stream().anyMatch(t -> t.target() == state);
            return quiet && !target ? Verdict.OURS_HIDDEN : Verdict.OURS;
        }
        if (met) {
            return Verdict.OURS;
        }
        return hushed ? Verdict.OURS_HIDDEN : Verdict.NOT_OURS;
    }
}
