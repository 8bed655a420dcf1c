package org.reunify.app;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.security.Logins;
import org.reunify.security.Principals;
import org.reunify.security.Role;
import org.reunify.sink.postgres.PostgresTallySink;
import org.reunify.streams.runtime.StreamsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "principal",
        mixinStandardHelpOptions = true,
        description = "Manage the logins of dashboards, auditors, the pipeline and the gateway on a secured cluster "
                + "(agencies: reunify agency add).",
        subcommands = PrincipalCommand.Add.class)
final class PrincipalCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Create a login NAME with the ACLs of its role, as a super user (--command-config):",
                "  dashboard  reads reunification.totals only",
                "  auditor    reads the agency topics and the totals (replay needs no group), writes nothing",
                "  pipeline   what the streams app and the sinks need: its group, internal topics and transactional "
                        + "ids "
                        + "by prefix, the totals and rejected topics; no agency topic",
                "  gateway    reads the agency topics, keeps reunification.receipts; publishes with agencies' logins"
            })
    static final class Add implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                converter = RoleConverter.class,
                description = "dashboard, auditor, pipeline or gateway.")
        Role role;

        @Parameters(
                paramLabel = "NAME",
                description = "The user name: [a-z0-9][a-z0-9-]{1,31}, not agency-… (those are agencies').")
        String name;

        @Option(
                names = "--application-id",
                defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
                description = "For a pipeline: the streams app's application id (default: ${DEFAULT-VALUE}).")
        String applicationId;

        @Option(
                names = "--sink-group",
                defaultValue = PostgresTallySink.DEFAULT_GROUP_ID,
                description = "For a pipeline: the PostgreSQL sink's consumer group (default: ${DEFAULT-VALUE}).")
        String sinkGroup;

        @Mixin
        CredentialsOptions credentials;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String user = Principals.checkRoleUser(name);
            cluster.requireLogin("principal add creates a login");
            try (Admin admin = Admin.create(cluster.clientConfig())) {
                Logins.Login login =
                        credentials.provision(cluster, admin, user, role.bindings(user, applicationId, sinkGroup));
                spec.commandLine()
                        .getOut()
                        .println(CredentialsOptions.describe(
                                login, role.name().toLowerCase(Locale.ROOT) + ": " + role.summary()));
            }
            return 0;
        }
    }

    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "the role is dashboard, auditor, pipeline or gateway, not '" + value + "'");
            }
        }
    }
}
