package org.openvrm.core.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks a host for a VM: every filter on every host (so each host's verdict lists all its
 * reasons), weighted scores for the feasible ones, the best score wins, ties by host id.
 * Pure: a snapshot in, a decision out.
 */
public final class Placer {

    /** Feasible first, then higher score, then host id: deterministic for equal hosts. */
    private static final Comparator<HostVerdict> RANKING = Placer::rank;

    /** The size rules, run on emptied hosts to tell "larger than any host" from "all full". */
    private static final List<HostFilter> SIZE_FILTERS = List.of(new SpecLimitsFilter(),
            new VcpuCountFilter(), new CpuReservationFilter(), new MemoryFilter(), new MemoryReservationFilter());

    private final List<HostFilter> filters;
    private final List<HostFilter> startFilters;
    private final List<WeightedScorer> scorers;
    private final int totalWeight;

    public Placer(PlacementPolicy policy) {
        Objects.requireNonNull(policy, "policy is null");
        this.filters = policy.filters();
        this.startFilters = policy.filters().stream().filter(HostFilter::appliesAtStart).toList();
        this.scorers = policy.scorers();
        this.totalWeight = scorers.stream().mapToInt(WeightedScorer::weight).sum();
    }

    /** Where a new VM should go, with every host's verdict. */
    public PlacementDecision place(VmDemand demand, List<HostSnapshot> hosts) {
        Objects.requireNonNull(demand, "demand is null");
        Objects.requireNonNull(hosts, "hosts is null");
        var verdicts = new ArrayList<HostVerdict>(hosts.size());
        HostVerdict best = null;
        for (HostSnapshot host : hosts) {
            List<String> reasons = reasons(filters, demand, host);
            boolean feasible = reasons.isEmpty();
            var verdict = new HostVerdict(host.hostId(), host.hostName(), feasible, reasons,
                    feasible ? score(demand, host) : 0);
            verdicts.add(verdict);
            if (feasible && (best == null || RANKING.compare(verdict, best) < 0)) {
                best = verdict;
            }
        }
        verdicts.sort(RANKING);
        if (best != null) {
            return new PlacementDecision.Placed(best.hostId(), best.score(), verdicts);
        }
        boolean tooLarge = !hosts.isEmpty()
                && hosts.stream().noneMatch(h -> reasons(SIZE_FILTERS, demand, h.emptied()).isEmpty());
        return new PlacementDecision.Unplaceable(tooLarge, verdicts);
    }

    /**
     * Whether a VM already placed on {@code host} (and so already in its counts) may power on
     * there: the policy's filters that apply at start. Empty = admitted, else the reasons.
     */
    public List<String> admitStart(VmDemand demand, HostSnapshot host) {
        Objects.requireNonNull(demand, "demand is null");
        Objects.requireNonNull(host, "host is null");
        return reasons(startFilters, demand, host);
    }

    private static List<String> reasons(List<HostFilter> filters, VmDemand demand, HostSnapshot host) {
        List<String> reasons = List.of();
        for (HostFilter filter : filters) {
            Optional<String> rejection = filter.reject(demand, host);
            if (rejection.isPresent()) {
                if (reasons.isEmpty()) {
                    // most hosts pass: allocate only for the ones that do not
                    reasons = new ArrayList<>(2);
                }
                reasons.add(rejection.get());
            }
        }
        return reasons;
    }

    private static int rank(HostVerdict a, HostVerdict b) {
        if (a.feasible() != b.feasible()) {
            return a.feasible() ? -1 : 1;
        }
        if (a.score() != b.score()) {
            return Integer.compare(b.score(), a.score());
        }
        return a.hostId().compareTo(b.hostId());
    }

    /** Sum of weight x score over the sum of weights, rounded down; 0 without scorers. */
    private int score(VmDemand demand, HostSnapshot host) {
        if (totalWeight == 0) {
            return 0;
        }
        long sum = 0;
        for (WeightedScorer ws : scorers) {
            int s = ws.scorer().score(demand, host);
            if (s < 0 || s > 100) {
                throw new IllegalStateException(ws.scorer().name() + " scored " + s + " for host "
                        + host.hostId() + "; scores must be 0..100");
            }
            sum += (long) ws.weight() * s;
        }
        return (int) (sum / totalWeight);
    }
}
