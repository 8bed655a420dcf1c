package org.reunify.security;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;

/** What a non-agency user is for; each role's ACLs are in {@link AccessPolicy}. */
public enum Role {
    DASHBOARD("may read reunification.totals only"),
    AUDITOR("may read the agency topics and reunification.totals, write nothing"),
    PIPELINE("may run the streams app and the sinks, write no agency topic"),
    GATEWAY("may read the agency topics and keep reunification.receipts; writes events with agencies' own logins only");

    private final String summary;

    Role(String summary) {
        this.summary = summary;
    }

    /** What the role may do, in a few words for the user. */
    public String summary() {
        return summary;
    }

    /**
     * @param applicationId the streams app's id, whose group, internal topics and transactional ids a pipeline owns
     * @param sinkGroup     the PostgreSQL sink's consumer group
     */
    public List<AclBinding> bindings(String user, String applicationId, String sinkGroup) {
        String principal = Principals.principal(user);
        return switch (this) {
            case DASHBOARD -> AccessPolicy.dashboard(principal);
            case AUDITOR -> AccessPolicy.auditor(principal);
            case PIPELINE -> AccessPolicy.pipeline(principal, applicationId, sinkGroup);
            case GATEWAY -> AccessPolicy.gateway(principal);
        };
    }
}
