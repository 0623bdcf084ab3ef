package org.openvrm.driver;

/** Receives how far a long driver step has come, 0..100. */
@FunctionalInterface
public interface ProgressSink {
    ProgressSink NONE = percent -> { };

    void report(int percent);
}
