package org.reunify.security;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.reunify.schemas.Topics;
import org.reunify.streams.topology.ReunificationTopology;

/**
 * Who may do what, as the ACLs a broker with {@code allow.everyone.if.no.acl.found=false} enforces. Everything not
 * granted here is denied; no role gets a cluster-wide permission.
 *
 * <p>Kafka implies DESCRIBE from READ and WRITE, and (since 3.0) lets a principal with WRITE on any topic produce
 * idempotently, so an agency needs no cluster-level IDEMPOTENT_WRITE.
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    /** An agency writes its own events topic, literally that one: a prefix would also match {@code nib-2}'s. */
    public static List<AclBinding> agency(String principal, String agency) {
        return allow(principal, TOPIC, LITERAL, Topics.eventsTopic(agency), WRITE);
    }

    /**
     * A suspended agency: a DENY on writing its topic, which wins over its ALLOW, so that its login stops writing at
     * its next request and writes again once the DENY is gone, with the same password.
     */
    public static List<AclBinding> suspension(String principal, String agency) {
        return List.of(new AclBinding(
                new ResourcePattern(TOPIC, Topics.eventsTopic(agency), LITERAL),
                new AccessControlEntry(principal, "*", WRITE, AclPermissionType.DENY)));
    }

    /** A dashboard reads the published tallies and nothing else; it follows them without a consumer group. */
    public static List<AclBinding> dashboard(String principal) {
        List<AclBinding> bindings = new ArrayList<>();
        Topics.PUBLISHED.forEach(topic -> bindings.addAll(allow(principal, TOPIC, LITERAL, topic.name(), READ)));
        return List.copyOf(bindings);
    }

    /**
     * An auditor reads the whole history, the published totals and the gateway's receipts, without a group, and writes
     * nothing.
     */
    public static List<AclBinding> auditor(String principal) {
        List<AclBinding> bindings = new ArrayList<>(allow(principal, TOPIC, PREFIXED, Topics.EVENTS_PREFIX, READ));
        bindings.addAll(dashboard(principal));
        bindings.addAll(allow(principal, TOPIC, LITERAL, Topics.RECEIPTS.name(), READ));
        return List.copyOf(bindings);
    }

    /**
     * The gateway's own login: it reads the agency topics (to tell an agency which of its lines were published
     * before) and keeps the receipts topic. It writes no agency topic: it publishes an agency's events with that
     * agency's own login, so that these ACLs are the ones that decide.
     */
    public static List<AclBinding> gateway(String principal) {
        List<AclBinding> bindings = new ArrayList<>(allow(principal, TOPIC, PREFIXED, Topics.EVENTS_PREFIX, READ));
        bindings.addAll(
                allow(principal, TOPIC, LITERAL, Topics.RECEIPTS.name(), CREATE, WRITE, READ, DESCRIBE_CONFIGS));
        return List.copyOf(bindings);
    }

    /**
     * The streams app and the sinks: read every agency topic and check its configs; create and write the published
     * tallies' and the rejected topics; own the internal topics, group and transactional ids under the application id;
     * the PostgreSQL sink's group. Never a write on an agency topic: the pipeline cannot forge an agency's event.
     */
    public static List<AclBinding> pipeline(String principal, String applicationId, String sinkGroup) {
        List<AclBinding> bindings = new ArrayList<>();
        bindings.addAll(allow(principal, TOPIC, PREFIXED, Topics.EVENTS_PREFIX, READ, DESCRIBE_CONFIGS));
        Topics.PUBLISHED.forEach(topic ->
                bindings.addAll(allow(principal, TOPIC, LITERAL, topic.name(), CREATE, WRITE, READ, DESCRIBE_CONFIGS)));
        bindings.addAll(allow(principal, TOPIC, LITERAL, Topics.REJECTED.name(), CREATE, WRITE, DESCRIBE_CONFIGS));
        if (applicationId.startsWith("reunification")) {
            throw new IllegalArgumentException(
                    "the application id '" + applicationId + "' would make the pipeline's internal-topic "
                            + "rights cover the product's own topics (reunification.*): choose another");
        }
        // Kafka Streams names its changelog and repartition topics, and its transactional ids, <application.id>-…
        String internal = applicationId + "-";
        bindings.addAll(allow(principal, TOPIC, PREFIXED, internal, CREATE, READ, WRITE, DESCRIBE_CONFIGS));
        // Deleting records is only for purging what the repartition topics have delivered, never a changelog.
        ReunificationTopology.repartitionTopics(applicationId)
                .forEach(topic -> bindings.addAll(allow(principal, TOPIC, LITERAL, topic, DELETE)));
        bindings.addAll(allow(principal, TRANSACTIONAL_ID, PREFIXED, internal, WRITE));
        bindings.addAll(allow(principal, GROUP, LITERAL, applicationId, READ));
        bindings.addAll(allow(principal, GROUP, LITERAL, sinkGroup, READ));
        return List.copyOf(bindings);
    }

    private static List<AclBinding> allow(
            String principal, ResourceType type, PatternType pattern, String name, AclOperation... operations) {
        ResourcePattern resource = new ResourcePattern(type, name, pattern);
        List<AclBinding> bindings = new ArrayList<>();
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(
                    resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
        return bindings;
    }
}
