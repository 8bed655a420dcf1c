package org.reunify.operations.status;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Reads what {@code reunify status} reports, read-only: no topic created, no offset committed, no group joined. */
public final class StatusCheck {

    private StatusCheck() {}

    public static StatusReport run(Map<String, Object> clientConfig, StatusSettings settings) {
        Instant now = Instant.now();
        Map<String, Object> config = new HashMap<>(clientConfig);
        int timeoutMs = (int) settings.timeout().toMillis();
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        try (Admin admin = Admin.create(config)) {
            ClusterSummary cluster;
            try {
                cluster = ClusterSummary.read(admin, settings.timeout());
            } catch (IllegalStateException e) {
                return StatusReport.unreachable(
                        now,
                        "the cluster at " + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + " "
                                + e.getMessage());
            }
            AgencyTopics agencies = AgencyTopics.read(admin);
            List<SinkPosition> sinks = new SinkPositions(admin, clientConfig, settings, now).read();
            return new StatusReport(
                    now,
                    Optional.empty(),
                    Optional.of(cluster),
                    Optional.of(TopicsCheck.read(admin, settings.applicationId())),
                    Optional.of(StreamsAppStatus.read(admin, settings.applicationId(), agencies.ends())),
                    sinks,
                    Optional.of(RejectedReader.read(clientConfig, now, settings.timeout())),
                    agencies.activity());
        }
    }
}
