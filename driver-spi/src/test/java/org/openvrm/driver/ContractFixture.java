package org.openvrm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What the contract's per-feature test interfaces need from {@link HypervisorDriverContract}, which implements it;
 * splitting the suite by feature keeps each file small while every driver still runs all of it.
 */
public interface ContractFixture {

    HypervisorDriver driver();

    /** A vmId no run has used before, removed after the test. */
    String newVmId(String label);

    DomainSpec defineNew(String label);

    DomainSpec startNew(String label);

    PowerState stateOf(String vmId);

    /** How long to wait for an asynchronous event. */
    Duration eventWait();

    /** How long a started guest may take until its agent answers and its console shows boot text. */
    Duration guestWait();

    static void assertReason(DriverException.Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DriverException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    /** Polls {@code value} until it is not null, for at most {@code limit}; fails saying {@code what} otherwise. */
    static <T> T eventually(Duration limit, String what, Supplier<T> value) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T seen = value.get();
            if (seen != null) {
                return seen;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** {@code spec} again with the next generation: a different spec for the same domain. */
    static DomainSpec nextGeneration(DomainSpec spec) {
        return new DomainSpec(spec.vmId(), spec.name(), spec.generation() + 1, spec.vcpus(), spec.maxVcpus(),
                spec.memoryMb(), spec.disks(), spec.nics(), spec.bootOrder(), spec.cpuTune(), spec.memTune());
    }
}
