package org.openvrm.manager.vm.guest;

import java.util.Optional;
import java.util.function.Function;
import org.openvrm.protocol.AgentLink;
import org.openvrm.api.VmConsole;
import org.openvrm.driver.DriverException;
import org.openvrm.manager.error.ApiException.Conflict;
import org.openvrm.manager.error.ApiException.InvalidInput;
import org.openvrm.manager.host.AgentRegistry;
import org.openvrm.manager.vm.VmRecord;
import org.openvrm.manager.vm.VmService;

/**
 * A VM's consoles: synchronous questions to its host's agent. They change nothing, so they are no task and need no
 * command id; asking again is always safe.
 */
public final class ConsoleService {

    public static final int DEFAULT_OUTPUT_BYTES = 64 * 1024;
    public static final int MAX_OUTPUT_BYTES = 1024 * 1024;

    private final VmService vms;
    private final AgentRegistry agents;

    public ConsoleService(VmService vms, AgentRegistry agents) {
        this.vms = vms;
        this.agents = agents;
    }

    /** Where the consoles are; vnc is null unless the VM runs or is paused (a stopped VM has no screen). */
    public VmConsole console(String vmId) {
        VmRecord vm = vms.require("id", vmId);
        Optional<org.openvrm.driver.VncEndpoint> vnc = ask(vm, a -> a.vnc(vm.id()), Optional.empty());
        return new VmConsole(vm.id(), vm.state().name(),
                vnc.map(v -> new VmConsole.VncEndpoint(v.host(), v.port())).orElse(null),
                "/api/v1/vms/" + vm.id() + "/console/output");
    }

    /** The tail of the serial console since the guest's last start; "" for a VM that never ran. */
    public String output(String vmId, String maxBytesParam) {
        int maxBytes = maxBytes(maxBytesParam);
        VmRecord vm = vms.require("id", vmId);
        return ask(vm, a -> a.consoleOutput(vm.id(), maxBytes), "");
    }

    static int maxBytes(String param) {
        if (param == null) {
            return DEFAULT_OUTPUT_BYTES;
        }
        try {
            int n = Integer.parseInt(param);
            if (n >= 1 && n <= MAX_OUTPUT_BYTES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInput("maxBytes", "INVALID_PARAMETER", "maxBytes must be an integer from 1 to "
                + MAX_OUTPUT_BYTES + ", got '" + param + "'");
    }

    /**
     * Asks the VM's agent. A VM its host does not know yet (still being created) has nothing to show; a host that
     * is not connected or fails is a 409 with a code the caller can act on.
     */
    private <T> T ask(VmRecord vm, Function<AgentLink, T> question, T nothing) {
        AgentLink agent = agents.agent(vm.hostId()).orElseThrow(() -> new Conflict("HOST_UNAVAILABLE", "hostId",
                "the host of VM " + vm.name() + " is not connected; its console cannot be reached"));
        try {
            return question.apply(agent);
        } catch (DriverException e) {
            if (e.reason() == DriverException.Reason.NOT_FOUND) {
                return nothing;
            }
            throw new Conflict("HOST_" + e.reason().name(), "hostId", "the host of VM " + vm.name()
                    + " could not answer: " + e.getMessage());
        }
    }
}
