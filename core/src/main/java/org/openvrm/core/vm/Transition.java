package org.openvrm.core.vm;

import java.util.Objects;
import java.util.Optional;

/** The answer of {@link VmLifecycle#begin}: the action may go ahead, or it may not and why. */
public sealed interface Transition {

    /**
     * The action may start: record {@code during} now; when the action succeeds, record
     * {@code onSuccess}, or remove the VM when it is empty (DELETE).
     */
    record Allowed(VmState during, Optional<VmState> onSuccess) implements Transition {

        public Allowed {
            Objects.requireNonNull(during, "during is null");
            Objects.requireNonNull(onSuccess, "onSuccess is null");
        }

        static Allowed to(VmState during, VmState onSuccess) {
            return new Allowed(during, Optional.of(onSuccess));
        }

        static Allowed removing(VmState during) {
            return new Allowed(during, Optional.empty());
        }

        /** True when success means the VM no longer exists. */
        public boolean removes() {
            return onSuccess.isEmpty();
        }
    }

    /** The action is not legal now; {@code code} is stable, {@code message} is for humans. */
    record Rejected(String code, String message) implements Transition {

        public Rejected {
            Objects.requireNonNull(code, "code is null");
            Objects.requireNonNull(message, "message is null");
        }
    }
}
