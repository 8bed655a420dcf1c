package org.reunify.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.security.AccessPolicy;
import org.reunify.security.Logins;
import org.reunify.security.Principals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "agency",
        mixinStandardHelpOptions = true,
        description = "Manage the agencies that publish events.",
        subcommands = AgencyCommand.Add.class)
final class AgencyCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Provision an agency: its topic reunification.events.ID, kept forever, stamped with the broker's "
                        + "append time. "
                        + "A running pipeline counts it within seconds.",
                "On a secured cluster (a --command-config that logs in as a super user), also the agency's login "
                        + "agency-ID, "
                        + "which may write its own topic and nothing else."
            })
    static final class Add implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "ID", description = "Agency id: [a-z0-9][a-z0-9-]{1,31}, e.g. nib, national-police.")
        String agency;

        @Option(
                names = "--partitions",
                description = "Partitions, for the first agency only; later agencies get the same count.")
        Integer partitions;

        @Option(names = "--replication-factor", description = "Replicas of the topic (default: the broker's default).")
        Short replication;

        @Mixin
        CredentialsOptions credentials;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Admin admin = Admin.create(cluster.clientConfig())) {
                AgencyProvisioning.Outcome outcome = new AgencyProvisioning(admin)
                        .add(
                                agency,
                                partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions),
                                Optional.ofNullable(replication));
                PrintWriter out = spec.commandLine().getOut();
                out.printf(
                        "%s %s (%d partitions, retention forever, LogAppendTime)%n",
                        outcome.created() ? "created" : "already provisioned:", outcome.topic(), outcome.partitions());
                if (cluster.logsIn()) {
                    String user = Principals.agencyUser(agency);
                    Logins.Login login = credentials.provision(
                            cluster, admin, user, AccessPolicy.agency(Principals.principal(user), agency));
                    out.println(CredentialsOptions.describe(login, "may write " + outcome.topic() + " only"));
                }
            }
            return 0;
        }
    }
}
