package org.reunify.security;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.reunify.schemas.AdminCalls;
import org.reunify.schemas.Waits;

/**
 * The users of a secured cluster: their SCRAM-SHA-512 credentials and their ACLs, managed with an admin's connection.
 * Both reach the broker asynchronously, through the metadata log; every change here returns only once the broker
 * enforces it, so that the first login or the first request does not race it.
 */
public final class Principals {

    /** Agencies log in as {@code agency-<id>}; other names may not take that prefix, so no one can pose as one. */
    public static final String AGENCY_PREFIX = "agency-";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");
    private static final Set<String> RESERVED = Set.of("admin", "controller");
    private static final int ITERATIONS = 8192;
    private static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    public Principals(Admin admin) {
        this.admin = admin;
    }

    /** The principal the broker's ACLs name for a SCRAM user. */
    public static String principal(String user) {
        return "User:" + user;
    }

    /** The user an agency logs in as. */
    public static String agencyUser(String agency) {
        return AGENCY_PREFIX + agency;
    }

    /** Refuses a name for a dashboard, auditor or pipeline that could be mistaken for an agency or the broker's own. */
    public static String checkRoleUser(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a principal name must match " + NAME.pattern() + ", not '" + name + "'");
        }
        if (name.startsWith(AGENCY_PREFIX) || RESERVED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is reserved: agencies are '" + AGENCY_PREFIX
                    + "<id>' (reunify agency add), " + RESERVED + " belong to the broker");
        }
        return name;
    }

    /** Whether the user already has a SCRAM credential. */
    public boolean exists(String user) {
        // all() would describe an unknown user as one without credentials; users() lists only those that have one.
        return AdminCalls.await(
                        admin.describeUserScramCredentials(List.of(user)).users(), "look up user " + user)
                .contains(user);
    }

    /** Sets the user's password (a new user, or a rotation), and waits until the broker knows the user. */
    public void issue(ClientCredentials credentials) {
        String user = credentials.user();
        AdminCalls.await(
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                                user,
                                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                                credentials.password())))
                        .all(),
                "create the SCRAM credential of " + user);
        awaitUntil(() -> exists(user), "the credential of " + user);
    }

    /** Adds the ACLs (those already there stay as they are) and waits until the broker enforces all of them. */
    public void grant(List<AclBinding> bindings) {
        try {
            AdminCalls.await(admin.createAcls(bindings).all(), "create ACLs");
        } catch (SecurityDisabledException e) {
            throw noAuthorizer(e);
        }
        awaitUntil(() -> enforced(bindings), bindings.size() + " ACLs");
    }

    /** Removes the ACLs and waits until the broker no longer enforces any of them. */
    public void revoke(List<AclBinding> bindings) {
        try {
            AdminCalls.await(
                    admin.deleteAcls(bindings.stream().map(AclBinding::toFilter).toList())
                            .all(),
                    "delete ACLs");
        } catch (SecurityDisabledException e) {
            throw noAuthorizer(e);
        }
        awaitUntil(
                () -> Collections.disjoint(present(bindings), bindings), "the removal of " + bindings.size() + " ACLs");
    }

    private boolean enforced(List<AclBinding> bindings) {
        return present(bindings).containsAll(bindings);
    }

    /** Every ACL of the principals the bindings name. */
    private Set<AclBinding> present(List<AclBinding> bindings) {
        Set<AclBinding> present = new HashSet<>();
        bindings.stream()
                .map(binding -> binding.entry().principal())
                .distinct()
                .forEach(principal -> present.addAll(granted(principal)));
        return present;
    }

    /** Every ACL naming the principal. */
    public Set<AclBinding> granted(String principal) {
        AclBindingFilter filter = new AclBindingFilter(
                ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
        try {
            return new HashSet<>(
                    AdminCalls.await(admin.describeAcls(filter).values(), "describe the ACLs of " + principal));
        } catch (SecurityDisabledException e) {
            throw noAuthorizer(e);
        }
    }

    private static IllegalStateException noAuthorizer(SecurityDisabledException e) {
        return new IllegalStateException(
                "the cluster has no authorizer, so it cannot enforce who may do what: "
                        + "secure it first (reunify up --secure runs one that does)",
                e);
    }

    private static void awaitUntil(BooleanSupplier done, String what) {
        Waits.until(PROPAGATION_TIMEOUT, done, "the broker to apply " + what);
    }
}
