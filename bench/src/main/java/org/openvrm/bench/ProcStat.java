package org.openvrm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What /proc and jcmd tell about another process (the manager): CPU time, RSS, heap after a GC. */
final class ProcStat {

    /** Linux's USER_HZ: /proc/&lt;pid&gt;/stat counts CPU time in 1/100 s on every common kernel. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private ProcStat() {
    }

    /** User + system CPU seconds the process has used so far. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Heap in use (MB) just after a full GC that jcmd asks for: the live set, without garbage. */
    static long heapUsedAfterGcMb(Path javaHome, long pid) {
        run(javaHome, pid, "GC.run");
        String info = run(javaHome, pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    }

    private static String run(Path javaHome, long pid, String command) {
        try {
            Process p = new ProcessBuilder(List.of(javaHome.resolve("bin/jcmd").toString(), Long.toString(pid),
                    command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
