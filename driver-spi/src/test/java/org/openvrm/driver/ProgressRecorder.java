package org.openvrm.driver;

import java.util.ArrayList;
import java.util.List;

/** A progress sink that keeps every report; safe to feed from any thread. */
public final class ProgressRecorder implements ProgressSink {

    private final List<Integer> reports = new ArrayList<>();

    @Override
    public synchronized void report(int percent) {
        reports.add(percent);
    }

    public synchronized List<Integer> reports() {
        return List.copyOf(reports);
    }

    /** Why the reports break the progress rules (0..100, never going back), or null when they keep them. */
    public synchronized String violation() {
        int last = 0;
        for (int percent : reports) {
            if (percent < 0 || percent > 100) {
                return "out of 0..100: " + reports;
            }
            if (percent < last) {
                return "went back: " + reports;
            }
            last = percent;
        }
        return null;
    }
}
