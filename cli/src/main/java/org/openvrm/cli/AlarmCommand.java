package org.openvrm.cli;

import java.util.List;
import org.openvrm.api.Alarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "alarm", description = "Alarms: conditions that need an operator (a host disconnected or failed).")
final class AlarmCommand extends NounCommand {

    AlarmCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List alarms, newest first; active ones only unless --all.")
    int list(@Mixin ListOptions paging,
             @Option(names = "--all", description = "Cleared alarms too.") boolean all,
             @Option(names = "--cleared", description = "Cleared alarms only.") boolean cleared,
             @Option(names = "--severity", paramLabel = "SEVERITY", description = "INFO, WARNING or ERROR.")
             String severity,
             @Option(names = "--code", paramLabel = "CODE", description = "e.g. HOST_FAILED; '*' is a wildcard.")
             String code,
             @Option(names = "--resource-id", paramLabel = "ID", description = "Alarms about this resource.")
             String resourceId) {
        String active = cleared ? "false" : all ? null : "true";
        var filters = Filters.of("active", active, "severity", severity, "code", code, "resourceId", resourceId);
        return reads().list(Kind.ALARM, filters, paging, Alarm.class, n -> Views.alarms());
    }

    @Command(name = "ack", description = "Acknowledge alarms: mark them seen (they stay until their condition ends).")
    int ack(@Parameters(arity = "1..*", paramLabel = "ALARM", description = "Alarm ids.") List<String> alarms) {
        int code = ExitCode.OK.code();
        for (String id : alarms) {
            code = reads().show(session.api().post(Kind.ALARM.path(id) + "/acknowledge", null));
        }
        return code;
    }
}
