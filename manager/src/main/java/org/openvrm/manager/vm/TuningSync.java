package org.openvrm.manager.vm;

import java.util.Optional;
import org.openvrm.protocol.AgentLink;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.CommandOutcome;

/**
 * Brings a host's tuning of a VM to what the VM's spec says, when they differ: how a QoS change that could not reach a
 * VM (a port group change while the VM was hibernated or its host away) converges, at the VM's next power-on and when
 * its host (re)connects. Asking costs one query; tuning happens only on a difference.
 */
final class TuningSync {

    private final DomainSpecs specs;

    TuningSync(DomainSpecs specs) {
        this.specs = specs;
    }

    /**
     * @param commandId the TuneVm's id when one is needed; the agent applies an id once, so it must name this tuning
     * @return empty when the host's tuning is (now) the spec's, else why not
     */
    Optional<String> sync(VmRecord vm, AgentLink agent, String commandId) {
        try {
            var wanted = specs.of(vm).tuning();
            if (wanted.equals(agent.tuning(vm.id()))) {
                return Optional.empty();
            }
            var outcome = agent.execute(new AgentCommand.TuneVm(commandId + "/" + Integer.toHexString(wanted.hashCode()),
                    vm.id(), wanted), p -> { });
            return outcome instanceof CommandOutcome.Failed f ? Optional.of(f.message()) : Optional.empty();
        } catch (RuntimeException e) {
            // DriverException (the host cannot answer), TaskFailure (HOST_HARDWARE_UNKNOWN): reported, never fatal
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
