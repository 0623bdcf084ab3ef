package org.openvrm.agent;

import java.util.List;
import org.openvrm.protocol.CommandOutcome;

/**
 * Where an agent remembers the outcomes of finished commands beyond its own life, so a restarted agent still
 * answers a replayed command id instead of applying it again.
 */
public interface CommandJournal {

    /** Remembers nothing: the in-process agents, which live and die with the manager that sends the commands. */
    CommandJournal NONE = new CommandJournal() {
        @Override
        public List<CommandOutcome> recent() {
            return List.of();
        }

        @Override
        public void finished(CommandOutcome outcome) {
        }
    };

    /** The outcomes remembered from earlier lives, oldest first. */
    List<CommandOutcome> recent();

    /** A command finished; remembered before its outcome is answered. */
    void finished(CommandOutcome outcome);
}
