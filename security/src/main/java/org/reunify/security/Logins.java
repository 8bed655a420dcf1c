package org.reunify.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;

/**
 * Gives a user what it needs to work: its ACLs, its SCRAM credential, and a client properties file with its login in
 * an owner-only directory, ready for {@code --command-config}. Passwords go into that file and nowhere else.
 */
public final class Logins {

    private final Principals principals;
    private final Map<String, String> connection;
    private final Path dir;

    /**
     * @param admin      a super user's connection
     * @param connection the connection settings every login file repeats (security protocol, TLS trust)
     * @param dir        where the login files go; made owner-only
     */
    public Logins(Admin admin, Map<String, String> connection, Path dir) {
        this.principals = new Principals(admin);
        this.connection = Map.copyOf(connection);
        this.dir = dir;
    }

    /** The login file of a user. */
    public Path file(String user) {
        return dir.resolve(user + ".properties");
    }

    /**
     * Grants the ACLs, then issues a password when the user has none yet or {@code rotate} asks for a new one; an
     * existing password is kept otherwise, so that a repeated provisioning does not lock out a running client.
     */
    public Login ensure(String user, List<AclBinding> bindings, boolean rotate) {
        Set<AclBinding> others = principals.granted(Principals.principal(user));
        others.removeAll(bindings);
        // A DENY takes rights away (a suspended agency's): it is no second role, and provisioning again keeps it.
        others.removeIf(binding -> binding.entry().permissionType() == AclPermissionType.DENY);
        if (!others.isEmpty()) {
            // Adding a second role to a user would quietly widen the login most likely to leak.
            throw new IllegalStateException(user + " already has other rights than these (" + others.size()
                    + " ACLs, e.g. " + others.iterator().next() + "): give this role to a user of its own");
        }
        principals.grant(bindings);
        if (!rotate && principals.exists(user)) {
            return new Login(user, file(user), false);
        }
        // The new login is on disk before the broker takes it, so that no failure in between leaves a password that
        // works but is written nowhere: until it is moved into place it is in USER.properties.new.
        ClientCredentials credentials = ClientCredentials.generate(user);
        Path pending = CredentialFiles.write(dir.resolve(user + ".properties.new"), connection, credentials);
        try {
            principals.issue(credentials);
        } catch (RuntimeException e) {
            deleteQuietly(pending, e);
            throw e;
        }
        return new Login(user, CredentialFiles.replace(pending, file(user)), true);
    }

    private static void deleteQuietly(Path pending, RuntimeException failure) {
        try {
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Like {@link #ensure}, issuing a new password only when the user's login file is missing. */
    public Login ensureWithFile(String user, List<AclBinding> bindings) {
        return ensure(user, bindings, !Files.exists(file(user)));
    }

    /** @param issued whether a new password was issued and written to {@code file} now */
    public record Login(String user, Path file, boolean issued) {

        /** The client properties in the login file. */
        public Map<String, Object> clientSettings() {
            Map<String, Object> settings = new HashMap<>();
            CredentialFiles.read(file).forEach((name, value) -> settings.put((String) name, value));
            return settings;
        }
    }
}
