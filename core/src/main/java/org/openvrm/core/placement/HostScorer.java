package org.openvrm.core.placement;

/** One preference among feasible hosts. Stateless, no I/O. */
public interface HostScorer {

    String name();

    /** 0..100, higher is better. Called only for hosts every filter accepted. */
    int score(VmDemand d, HostSnapshot h);
}
