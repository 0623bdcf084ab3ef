package org.openvrm.driver.sim;

import static java.util.Objects.requireNonNull;

import org.openvrm.driver.PowerState;

/** What a call does to a domain in a given state; see {@link Transitions}. */
sealed interface Plan {

    /** Already in the target state: succeed without doing anything. */
    record Stay() implements Plan { }

    /** Take the step and end in {@code target} (which may equal the current state, as for reboot). */
    record Move(PowerState target) implements Plan {
        public Move {
            requireNonNull(target, "target is null");
        }
    }

    /** Take the step and forget the domain. */
    record Remove() implements Plan { }

    /** Not legal in this state: INVALID_STATE, saying why. */
    record Refuse(String why) implements Plan {
        public Refuse {
            requireNonNull(why, "why is null");
        }
    }
}
