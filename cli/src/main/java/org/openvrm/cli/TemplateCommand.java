package org.openvrm.cli;

import java.util.List;
import org.openvrm.api.Template;
import org.openvrm.api.TemplateCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "template", description = "Templates: VM shapes to create VMs from.")
final class TemplateCommand extends NounCommand {

    TemplateCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List templates.")
    int list(@Mixin ListOptions paging,
             @Option(names = "--name", paramLabel = "PATTERN", description = "'*' is a wildcard.") String name) {
        return reads().list(Kind.TEMPLATE, Filters.of("name", name), paging, Template.class,
                n -> Views.templates());
    }

    @Command(name = "get", description = "Show one template.")
    int get(@Parameters(paramLabel = "TEMPLATE", description = "Name or id.") String template) {
        return reads().get(Kind.TEMPLATE, template);
    }

    @Command(name = "create", description = "Create a template; options as for 'vrm vm create'.")
    int create(@Option(names = "--name", paramLabel = "NAME", required = true, description = "Unique among its kind.")
               String name,
               @Option(names = "--description", paramLabel = "TEXT", description = "Free text.") String description,
               @Mixin ShapeOptions shapeOptions,
               @Mixin WaitOption wait) {
        ShapeOptions.Shape s = shapeOptions.shape(session.resolver());
        return create(name, Kind.TEMPLATE.path(), new TemplateCreate(name, description, s.vcpus(), s.maxVcpus(),
                s.memoryMb(), s.disks(), s.nics(), s.bootOrder(), s.cpuQos(), s.memoryQos()), wait);
    }

    @Command(name = "delete", description = "Delete templates.")
    int delete(@Parameters(arity = "1..*", paramLabel = "TEMPLATE", description = "Names or ids.")
               List<String> templates,
               @Mixin WaitOption wait) {
        return delete(Kind.TEMPLATE, templates, wait);
    }
}
