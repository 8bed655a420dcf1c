package org.reunify.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    @Test
    void anAgencyMayWriteExactlyItsOwnTopicAndNothingElse() {
        assertThat(render(AccessPolicy.agency("User:agency-nib", "nib")))
                .containsExactly("User:agency-nib ALLOW WRITE TOPIC LITERAL reunification.events.nib");
    }

    @Test
    void aDashboardMayOnlyReadThePublishedTallies() {
        assertThat(render(AccessPolicy.dashboard("User:wall")))
                .containsExactly(
                        "User:wall ALLOW READ TOPIC LITERAL reunification.totals",
                        "User:wall ALLOW READ TOPIC LITERAL reunification.totals.daily",
                        "User:wall ALLOW READ TOPIC LITERAL reunification.destinations",
                        "User:wall ALLOW READ TOPIC LITERAL reunification.timeline");
    }

    @Test
    void anAuditorReadsEveryAgencyTopicThePublishedTalliesAndTheReceiptsAndWritesNothing() {
        assertThat(render(AccessPolicy.auditor("User:yale")))
                .containsExactlyInAnyOrder(
                        "User:yale ALLOW READ TOPIC PREFIXED reunification.events.",
                        "User:yale ALLOW READ TOPIC LITERAL reunification.totals",
                        "User:yale ALLOW READ TOPIC LITERAL reunification.totals.daily",
                        "User:yale ALLOW READ TOPIC LITERAL reunification.destinations",
                        "User:yale ALLOW READ TOPIC LITERAL reunification.timeline",
                        "User:yale ALLOW READ TOPIC LITERAL reunification.receipts");
    }

    @Test
    void theGatewayReadsTheAgencyTopicsAndKeepsTheReceiptsButWritesNoAgencyTopic() {
        assertThat(render(AccessPolicy.gateway("User:gateway")))
                .containsExactlyInAnyOrder(
                        "User:gateway ALLOW READ TOPIC PREFIXED reunification.events.",
                        "User:gateway ALLOW CREATE TOPIC LITERAL reunification.receipts",
                        "User:gateway ALLOW WRITE TOPIC LITERAL reunification.receipts",
                        "User:gateway ALLOW READ TOPIC LITERAL reunification.receipts",
                        "User:gateway ALLOW DESCRIBE_CONFIGS TOPIC LITERAL reunification.receipts");
    }

    @Test
    void thePipelineOwnsItsInternalsByTheApplicationIdAndCannotWriteAnyAgencyTopic() {
        List<AclBinding> pipeline = AccessPolicy.pipeline("User:pipeline", "reunify", "reunify-sink-postgres");
        assertThat(render(pipeline))
                .contains(
                        "User:pipeline ALLOW READ TOPIC PREFIXED reunification.events.",
                        "User:pipeline ALLOW WRITE TOPIC LITERAL reunification.totals",
                        "User:pipeline ALLOW WRITE TOPIC LITERAL reunification.totals.daily",
                        "User:pipeline ALLOW WRITE TOPIC LITERAL reunification.destinations",
                        "User:pipeline ALLOW WRITE TOPIC LITERAL reunification.rejected",
                        "User:pipeline ALLOW CREATE TOPIC PREFIXED reunify-",
                        "User:pipeline ALLOW DELETE TOPIC LITERAL reunify-case-events-repartition",
                        "User:pipeline ALLOW DELETE TOPIC LITERAL reunify-tally-changes-repartition",
                        "User:pipeline ALLOW WRITE TRANSACTIONAL_ID PREFIXED reunify-",
                        "User:pipeline ALLOW READ GROUP LITERAL reunify",
                        "User:pipeline ALLOW READ GROUP LITERAL reunify-sink-postgres");
        assertThat(pipeline)
                .noneMatch(binding -> binding.pattern().name().startsWith("reunification.events")
                        && binding.entry().operation() != AclOperation.READ
                        && binding.entry().operation() != AclOperation.DESCRIBE_CONFIGS);
    }

    @Test
    void thePipelineMayDeleteRecordsOfItsRepartitionTopicsOnlyNeverOfAChangelog() {
        assertThat(AccessPolicy.pipeline("User:pipeline", "reunify", "g"))
                .filteredOn(binding -> binding.entry().operation() == AclOperation.DELETE)
                .allMatch(binding -> binding.pattern().patternType() == PatternType.LITERAL
                        && binding.pattern().name().endsWith("-repartition"));
    }

    @Test
    void anApplicationIdThatWouldCoverTheProductsTopicsIsRefused() {
        assertThatThrownBy(() -> AccessPolicy.pipeline("User:pipeline", "reunification.events.nib", "g"))
                .hasMessageContaining("reunification");
    }

    @Test
    void noRoleIsGrantedAnythingOnTheClusterOrAnyDenial() {
        List<AclBinding> all = new ArrayList<>(AccessPolicy.agency("User:agency-nib", "nib"));
        all.addAll(AccessPolicy.auditor("User:a"));
        all.addAll(AccessPolicy.pipeline("User:p", "reunify", "g"));
        all.addAll(AccessPolicy.gateway("User:g"));
        assertThat(all)
                .allMatch(binding -> binding.pattern().resourceType() != ResourceType.CLUSTER)
                .allMatch(binding -> binding.entry().permissionType() == AclPermissionType.ALLOW)
                .allMatch(binding -> binding.entry().operation() != AclOperation.ALL)
                .allMatch(binding -> binding.pattern().patternType() != PatternType.MATCH);
    }

    private static List<String> render(List<AclBinding> bindings) {
        return bindings.stream()
                .map(binding -> binding.entry().principal() + " "
                        + binding.entry().permissionType() + " "
                        + binding.entry().operation() + " " + binding.pattern().resourceType() + " "
                        + binding.pattern().patternType()
                        + " " + binding.pattern().name())
                .toList();
    }
}
