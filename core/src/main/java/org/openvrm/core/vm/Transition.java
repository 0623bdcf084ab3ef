package org.openvrm.core.vm;

import java.util.Objects;
import java.util.Optional;

/** The answer of {@link VmLifecycle#begin}: the action may go ahead, or it may not and why. */
public sealed interface Transition {

    /**
     * The action may start: record {@code during} now; when the action succeeds, record {@code onSuccess}; when
     * that is empty, remove the VM ({@code removes}: DELETE) or record the state its host reports (the snapshot
     * actions, whose end state is the one before or the snapshot's, which this table cannot know).
     */
    record Allowed(VmState during, Optional<VmState> onSuccess, boolean removes) implements Transition {

        public Allowed {
            Objects.requireNonNull(during, "during is null");
            Objects.requireNonNull(onSuccess, "onSuccess is null");
            if (removes && onSuccess.isPresent()) {
                throw new IllegalArgumentException("an action that removes the VM has no state on success");
            }
        }

        /** An action that ends in a known state, or removes the VM when {@code onSuccess} is empty. */
        public Allowed(VmState during, Optional<VmState> onSuccess) {
            this(during, onSuccess, onSuccess.isEmpty());
        }

        static Allowed to(VmState during, VmState onSuccess) {
            return new Allowed(during, Optional.of(onSuccess), false);
        }

        static Allowed removing(VmState during) {
            return new Allowed(during, Optional.empty(), true);
        }

        static Allowed asHostReports(VmState during) {
            return new Allowed(during, Optional.empty(), false);
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
