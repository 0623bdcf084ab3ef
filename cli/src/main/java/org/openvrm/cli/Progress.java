package org.openvrm.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvrm.api.Task;

/**
 * How {@code --wait} shows tasks moving, on stderr so stdout stays the command's result. On a terminal a bar
 * redrawn in place; elsewhere (logs, CI, pipes) a line per change of state or message, never a line per poll.
 */
sealed interface Progress {

    void update(List<Task> tasks);

    /** The tasks are all done; leave the display tidy. */
    void finish(List<Task> tasks);

    static boolean done(Task t) {
        return !"QUEUED".equals(t.state()) && !"RUNNING".equals(t.state());
    }

    static String label(Task t) {
        return t.type() + (t.targetName() == null ? "" : " " + t.targetName());
    }

    /** A bar redrawn in place with a carriage return. */
    final class Bar implements Progress {
        private static final int WIDTH = 24;
        private final PrintStream err;

        Bar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void update(List<Task> tasks) {
            err.print("\r" + render(tasks) + "\033[K");
            err.flush();
        }

        @Override
        public void finish(List<Task> tasks) {
            update(tasks);
            err.println();
        }

        /** e.g. {@code [##########..............]  40%  vm.create web-1: RUNNING placing} */
        static String render(List<Task> tasks) {
            int percent = tasks.isEmpty() ? 100 : (int) Math.round(tasks.stream()
                    .mapToInt(t -> done(t) ? 100 : Math.clamp(t.progress(), 0, 100)).average().orElse(100));
            int filled = percent * WIDTH / 100;
            String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                    + String.format("%3d%%", percent) + "  ";
            if (tasks.size() == 1) {
                Task t = tasks.getFirst();
                return bar + label(t) + ": " + t.state() + (t.message() == null ? "" : " " + t.message());
            }
            long finished = tasks.stream().filter(Progress::done).count();
            long failed = tasks.stream().filter(t -> "FAILED".equals(t.state())).count();
            return bar + finished + "/" + tasks.size() + " done" + (failed == 0 ? "" : ", " + failed + " failed");
        }
    }

    /** A plain line whenever a task's state or message changes. */
    final class Lines implements Progress {
        private final PrintStream err;
        private final Map<String, String> seen = new HashMap<>();

        Lines(PrintStream err) {
            this.err = err;
        }

        @Override
        public void update(List<Task> tasks) {
            for (Task t : tasks) {
                String status = t.state() + (t.message() == null ? "" : " " + t.message());
                if (!status.equals(seen.put(t.id(), status))) {
                    err.println(label(t) + " (" + t.id() + "): " + t.state() + " " + t.progress() + "%"
                            + (t.message() == null ? "" : " " + t.message()));
                }
            }
            err.flush();
        }

        @Override
        public void finish(List<Task> tasks) {
            update(tasks);
        }
    }
}
