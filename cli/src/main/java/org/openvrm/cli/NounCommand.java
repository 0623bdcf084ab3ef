package org.openvrm.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A noun ({@code vrm vm}, {@code vrm host}, ...): its verbs are subcommands; alone, it is a usage error. */
abstract class NounCommand implements Runnable {

    @Spec
    CommandSpec spec;

    final Session session;

    NounCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "'" + spec.qualifiedName()
                + "' needs a subcommand: " + String.join(", ", spec.subcommands().keySet()));
    }

    Reads reads() {
        return new Reads(session);
    }

    Changes changes() {
        return new Changes(session);
    }

    /** One change: a create or add, printed as a single task. */
    int create(String label, String path, Object body, WaitOption wait) {
        return changes().run(List.of(new Change(label, () -> session.api().post(path, body))), wait.wait, false);
    }

    /** Deletes each named resource, concurrently. */
    int delete(Kind kind, List<String> targets, WaitOption wait) {
        Resolver resolver = session.resolver();
        List<Change> deletes = targets.stream().map(t -> new Change(t,
                () -> session.api().delete(kind.path(resolver.id(kind, t))))).toList();
        return changes().run(deletes, wait.wait, true);
    }
}
