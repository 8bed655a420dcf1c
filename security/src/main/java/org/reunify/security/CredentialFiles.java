package org.reunify.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Client properties files holding a login, as {@code --command-config} takes them: readable and writable by their
 * owner only, in a directory only the owner can enter, written whole or not at all.
 */
public final class CredentialFiles {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private CredentialFiles() {}

    /**
     * The settings of an existing connection that a new login must share to reach the same listener: the security
     * protocol and the TLS trust settings, but not who logs in.
     */
    public static Map<String, String> connectionSettings(Map<String, ?> clientConfig) {
        Map<String, String> connection = new TreeMap<>();
        clientConfig.forEach((name, value) -> {
            if (name.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                    || name.startsWith("ssl.truststore.")
                    || name.equals("ssl.endpoint.identification.algorithm")) {
                connection.put(name, String.valueOf(value));
            }
        });
        return connection;
    }

    /** Writes {@code file}: the connection settings plus the login of {@code credentials}; replaces an older one. */
    public static Path write(Path file, Map<String, String> connection, ClientCredentials credentials) {
        Map<String, String> settings = new TreeMap<>(connection);
        settings.putAll(credentials.saslSettings());
        // Written by hand rather than by Properties.store, which would escape every '=' of the JAAS line: the file
        // should read like the ones in Kafka's documentation.
        return writeOwnerOnly(file, writer -> {
            writer.write("# reunify login for " + credentials.principal()
                    + ": a secret; use it with --command-config, share it with nobody\n");
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                writer.write(setting.getKey() + "=" + setting.getValue().replace("\\", "\\\\") + "\n");
            }
        });
    }

    /** Moves a written login file into place, replacing the older one at once. */
    public static Path replace(Path written, Path file) {
        try {
            return Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + written + " to " + file, e);
        }
    }

    /** Writes a secret on a line of its own, owner-only; replaces an older one. */
    public static Path writeSecret(Path file, String secret) {
        return writeOwnerOnly(file, writer -> writer.write(secret + System.lineSeparator()));
    }

    private interface Content {
        void writeTo(Writer writer) throws IOException;
    }

    private static Path writeOwnerOnly(Path file, Content content) {
        Path dir = file.toAbsolutePath().getParent();
        ownerOnlyDirectory(dir);
        try {
            Path staging = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", ownerOnly(OWNER_FILE));
            try (Writer writer = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
                content.writeTo(writer);
            }
            return Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret file " + file, e);
        }
    }

    /** Reads a properties file such as {@link #write} leaves. */
    public static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + file, e);
        }
        return properties;
    }

    /** Takes away every permission of group and others from a secret another program wrote. */
    public static Path ownerOnlyFile(Path file) {
        try {
            if (POSIX) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + file + " to its owner", e);
        }
    }

    /**
     * Creates the directory owner-only if missing; an existing one must already be owner-only, as this does not take
     * permissions away from a directory it did not make (it could be the home directory, or /tmp).
     *
     * @throws IllegalStateException when an existing directory lets its group or others in
     */
    public static Path ownerOnlyDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, ownerOnly(OWNER_DIRECTORY));
            }
            if (POSIX && !OWNER_DIRECTORY.containsAll(Files.getPosixFilePermissions(dir))) {
                throw new IllegalStateException(dir + " lets other users in ("
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))
                        + "): logins go into an owner-only directory; choose one with --credentials-dir, or "
                        + "chmod 700 it");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the credentials directory " + dir, e);
        }
    }

    /**
     * Takes every permission of group and others away from a directory this program owns, such as its data directory.
     */
    public static Path restrictToOwner(Path dir) {
        try {
            if (POSIX) {
                Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + dir + " to its owner", e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
