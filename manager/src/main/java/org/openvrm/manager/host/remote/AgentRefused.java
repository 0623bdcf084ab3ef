package org.openvrm.manager.host.remote;

/**
 * Why the agent port refuses an agent, said to the agent (as the gRPC status description) and logged; never
 * carries a token or key.
 */
public final class AgentRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** UNAUTHENTICATED: who the agent is could not be proven; PERMISSION_DENIED: it is known and not allowed. */
    public enum Kind { UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT, ALREADY_EXISTS }

    private final Kind kind;

    public AgentRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
