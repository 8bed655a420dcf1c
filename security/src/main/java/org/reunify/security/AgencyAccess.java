package org.reunify.security;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;

/**
 * What an agency's login may do on a secured cluster, and its suspension: a suspended agency's login may no longer
 * write its topic, while everything it published stays in the history and counted. Managed with a super user's
 * connection.
 */
public final class AgencyAccess {

    /** Whether an agency's login may write its topic now. */
    public enum Write {
        ALLOWED,
        SUSPENDED,
        /** The topic was made without {@code agency add} on this cluster, or its ACL was removed by hand. */
        NOT_GRANTED
    }

    /**
     * @param login whether the agency's user {@code agency-ID} has a password
     */
    public record State(boolean login, Write write) {}

    private final Principals principals;

    public AgencyAccess(Admin admin) {
        this.principals = new Principals(admin);
    }

    public State state(String agency) {
        String user = Principals.agencyUser(agency);
        String principal = Principals.principal(user);
        List<AclBinding> granted = List.copyOf(principals.granted(principal));
        Write write;
        if (granted.containsAll(AccessPolicy.suspension(principal, agency))) {
            write = Write.SUSPENDED;
        } else if (granted.containsAll(AccessPolicy.agency(principal, agency))) {
            write = Write.ALLOWED;
        } else {
            write = Write.NOT_GRANTED;
        }
        return new State(principals.exists(user), write);
    }

    /** From the broker's next request on, the agency's login may not write; its topic and history stay as they are. */
    public void suspend(String agency) {
        principals.grant(suspension(agency));
    }

    /** The agency's login may write again, with its password of before. */
    public void resume(String agency) {
        principals.revoke(suspension(agency));
    }

    private static List<AclBinding> suspension(String agency) {
        return AccessPolicy.suspension(Principals.principal(Principals.agencyUser(agency)), agency);
    }
}
