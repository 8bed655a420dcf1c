package org.reunify.app;

import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.reunify.security.CredentialFiles;
import org.reunify.security.Logins;
import picocli.CommandLine.Option;

/** Where {@code agency add} and {@code principal add} put the logins they issue on a secured cluster. */
final class CredentialsOptions {

    @Option(
            names = "--credentials-dir",
            paramLabel = "DIR",
            description = "Where the new login's client properties file goes, owner-only (default: the directory of "
                    + "--command-config).")
    Path dir;

    @Option(
            names = "--rotate",
            description = "Issue a new password even if the user has one (the old one stops working).")
    boolean rotate;

    /** Grants the ACLs and issues the login, as the command's super user. */
    Logins.Login provision(ClusterOptions cluster, Admin admin, String user, List<AclBinding> bindings) {
        return logins(cluster, admin).ensure(user, bindings, rotate);
    }

    /** Grants the ACLs (idempotently) and issues a new password, whether or not the user had one. */
    Logins.Login rotate(ClusterOptions cluster, Admin admin, String user, List<AclBinding> bindings) {
        return logins(cluster, admin).ensure(user, bindings, true);
    }

    private Logins logins(ClusterOptions cluster, Admin admin) {
        Path target = dir != null ? dir : cluster.defaultCredentialsDir();
        return new Logins(admin, CredentialFiles.connectionSettings(cluster.clientConfig()), target);
    }

    /** One line for the user: never the password, only where it is. */
    static String describe(Logins.Login login, String may) {
        return login.issued()
                ? String.format(
                        "login %s (%s): client properties in %s (owner-only; use with --command-config)",
                        login.user(), may, login.file())
                : String.format(
                        "login %s (%s): exists, password unchanged (--rotate issues a new one)", login.user(), may);
    }
}
