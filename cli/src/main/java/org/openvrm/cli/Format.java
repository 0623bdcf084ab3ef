package org.openvrm.cli;

/** What {@code -o} asks for: aligned tables for people, or the API's JSON for scripts. */
enum Format { TABLE, JSON }
