package org.openvrm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "about", description = "Show the manager's product, version and store.")
final class AboutCommand implements Callable<Integer> {

    private final Session session;

    AboutCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        return new Reads(session).show(session.api().get("/about"));
    }
}
