package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** What became of one {@link Change}: the manager took it (a task), or it was refused before a task existed. */
sealed interface Outcome {

    String label();

    record Accepted(String label, JsonNode task) implements Outcome {}

    record Rejected(String label, CliException error) implements Outcome {}
}
