package org.reunify.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.operations.status.AgencyActivity;
import org.reunify.operations.status.AgencyTopics;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.schemas.Topics;
import org.reunify.security.AccessPolicy;
import org.reunify.security.AgencyAccess;
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
        subcommands = {
            AgencyCommand.Add.class,
            AgencyCommand.ListAgencies.class,
            AgencyCommand.Suspend.class,
            AgencyCommand.Resume.class,
            AgencyCommand.Password.class
        })
final class AgencyCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Provision an agency: its topic reunification.events.ID, kept forever, stamped with the broker's "
                        + "append time. "
                        + "A running pipeline counts it within seconds.",
                "On a secured cluster (a --command-config that logs in as a super user), also the agency's login "
                        + "agency-ID, which may write its own topic and nothing else. Run again, it changes nothing "
                        + "that exists: an existing password stays (--rotate, or agency password, issues a new one) "
                        + "and a suspended agency stays suspended."
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
                    if (new AgencyAccess(admin).state(agency).write() == AgencyAccess.Write.SUSPENDED) {
                        out.printf(
                                "agency %s is suspended: reunify agency resume %s lets it write again%n",
                                agency, agency);
                    }
                }
            }
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Every agency: its topic and partitions, its login and whether it may write (on a secured "
                    + "cluster, with a super user's --command-config), and when the broker appended its latest event.")
    static final class ListAgencies implements Callable<Integer> {

        private static final DateTimeFormatter UTC =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

        @Mixin
        ClusterOptions cluster;

        @Option(
                names = "--format",
                defaultValue = "table",
                description = "table (for people) or json (default: ${DEFAULT-VALUE}).")
        TableOrJson format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper json = new ObjectMapper();
            ArrayNode rows = json.createArrayNode();
            try (Admin admin = Admin.create(cluster.clientConfig())) {
                Optional<AgencyAccess> access =
                        cluster.logsIn() ? Optional.of(new AgencyAccess(admin)) : Optional.empty();
                for (AgencyActivity agency : AgencyTopics.read(admin).activity()) {
                    ObjectNode row = rows.addObject();
                    row.put("agency", agency.agency());
                    row.put("topic", Topics.eventsTopic(agency.agency()));
                    row.put("partitions", agency.partitions());
                    access.map(agencies -> agencies.state(agency.agency()))
                            .ifPresentOrElse(
                                    state -> {
                                        row.put("login", state.login() ? Principals.agencyUser(agency.agency()) : null);
                                        row.put("write", write(state.write()));
                                    },
                                    () -> {
                                        row.putNull("login");
                                        row.put("write", "anyone (open cluster)");
                                    });
                    row.put(
                            "latestEvent",
                            agency.latestEvent().map(Instant::toString).orElse(null));
                }
            }
            if (format == TableOrJson.json) {
                out.println(rows);
            } else {
                out.printf(
                        "%-24s %-40s %10s  %-28s %-22s %s%n",
                        "AGENCY", "TOPIC", "PARTITIONS", "LOGIN", "WRITE", "LATEST EVENT (UTC)");
                rows.forEach(row -> out.printf(
                        "%-24s %-40s %10d  %-28s %-22s %s%n",
                        row.get("agency").asText(),
                        row.get("topic").asText(),
                        row.get("partitions").asInt(),
                        row.get("login").isNull() ? "-" : row.get("login").asText(),
                        row.get("write").asText(),
                        row.get("latestEvent").isNull()
                                ? "none yet"
                                : UTC.format(
                                        Instant.parse(row.get("latestEvent").asText()))));
            }
            out.flush();
            return 0;
        }

        private static String write(AgencyAccess.Write write) {
            return switch (write) {
                case ALLOWED -> "allowed";
                case SUSPENDED -> "suspended";
                case NOT_GRANTED -> "not granted";
            };
        }
    }

    /** A change to what an agency's login may do, made as a super user on a secured cluster. */
    abstract static class AccessChange implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "ID", description = "Agency id.")
        String agency;

        @Spec
        CommandSpec spec;

        /** Makes the change; returns what to tell the user. */
        abstract String change(AgencyAccess access, String topic);

        @Override
        public Integer call() {
            String topic = requireSecuredAgency(spec, cluster, agency);
            String said;
            try (Admin admin = Admin.create(cluster.clientConfig())) {
                said = change(new AgencyAccess(admin), topic);
            }
            spec.commandLine().getOut().println(said);
            return 0;
        }
    }

    @Command(
            name = "suspend",
            mixinStandardHelpOptions = true,
            description = {
                "On a secured cluster: the agency's login may no longer write its topic, from its next request on. "
                        + "What it published stays in the history and counted; nothing is deleted.",
                "agency resume lets it write again with the same password."
            })
    static final class Suspend extends AccessChange {

        @Override
        String change(AgencyAccess access, String topic) {
            access.suspend(agency);
            return String.format(
                    "suspended agency %s: login %s may no longer write %s; what it published stays counted "
                            + "(reunify agency resume %s lets it write again)",
                    agency, Principals.agencyUser(agency), topic, agency);
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "On a secured cluster: a suspended agency's login may write its topic again.")
    static final class Resume extends AccessChange {

        @Override
        String change(AgencyAccess access, String topic) {
            access.resume(agency);
            return String.format(
                    "resumed agency %s: login %s may write %s again", agency, Principals.agencyUser(agency), topic);
        }
    }

    @Command(
            name = "password",
            mixinStandardHelpOptions = true,
            description = "On a secured cluster: a new password for the agency's login, written to its client "
                    + "properties file; the old one stops working. Its topic, rights and suspension stay as they are.")
    static final class Password implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "ID", description = "Agency id.")
        String agency;

        @Mixin
        CredentialsOptions credentials;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String topic = requireSecuredAgency(spec, cluster, agency);
            try (Admin admin = Admin.create(cluster.clientConfig())) {
                String user = Principals.agencyUser(agency);
                Logins.Login login = credentials.rotate(
                        cluster, admin, user, AccessPolicy.agency(Principals.principal(user), agency));
                spec.commandLine().getOut().println(CredentialsOptions.describe(login, "may write " + topic + " only"));
            }
            return 0;
        }
    }

    /**
     * The agency's topic, once it is clear that the command can act on it: a login's rights exist only on a secured
     * cluster, and only for an agency that has a topic.
     */
    private static String requireSecuredAgency(CommandSpec spec, ClusterOptions cluster, String agency) {
        cluster.requireLogin("agency " + spec.name() + " changes what an agency's login may do");
        String topic = Topics.eventsTopic(agency);
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            if (AgencyTopics.read(admin).activity().stream()
                    .noneMatch(known -> known.agency().equals(agency))) {
                throw new IllegalArgumentException("there is no agency " + agency + " (no topic " + topic
                        + "): agency add " + agency + " provisions it");
            }
        }
        return topic;
    }
}
