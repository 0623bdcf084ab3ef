package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;

/**
 * One thing a command changes.
 *
 * @param label what it is about, as the user knows it (a VM's name), for per-target messages
 * @param submit resolves what it needs and sends the request; returns the task JSON of the 202
 */
record Change(String label, Supplier<JsonNode> submit) {}
