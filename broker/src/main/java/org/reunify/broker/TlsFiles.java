package org.reunify.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.reunify.security.ClientCredentials;
import org.reunify.security.CredentialFiles;

/**
 * The secured broker's TLS certificate: self-signed for 127.0.0.1 and localhost, made once per data directory with the
 * JDK's {@code keytool}, so that no extra library is needed. Clients trust exactly this certificate ({@code ca.pem}).
 */
final class TlsFiles {

    static final String KEYSTORE = "broker.p12";
    static final String CERTIFICATE = "ca.pem";
    /** Owner-only, like the logins: the keystore password is as secret as the key. */
    static final String KEYSTORE_PASSWORD = "broker-keystore.password";

    private static final String ALIAS = "reunify-broker";
    private static final String PASSWORD_VARIABLE = "REUNIFY_KEYSTORE_PASSWORD";

    /** Creates the keystore and certificate in {@code dir} unless they are there. */
    Server ensure(Path dir) {
        Path keystore = dir.resolve(KEYSTORE);
        Path certificate = dir.resolve(CERTIFICATE);
        Path passwordFile = dir.resolve(KEYSTORE_PASSWORD);
        try {
            if (!Files.exists(keystore) || !Files.exists(certificate) || !Files.exists(passwordFile)) {
                CredentialFiles.ownerOnlyDirectory(dir);
                String password = ClientCredentials.generate("keystore").password();
                Files.deleteIfExists(keystore);
                keytool(
                        password,
                        keystore,
                        "-genkeypair",
                        "-alias",
                        ALIAS,
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=reunify broker",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "825",
                        "-keypass:env",
                        PASSWORD_VARIABLE);
                CredentialFiles.ownerOnlyFile(keystore);
                keytool(password, keystore, "-exportcert", "-rfc", "-alias", ALIAS, "-file", certificate.toString());
                CredentialFiles.writeSecret(passwordFile, password);
            }
            return new Server(
                    keystore,
                    certificate,
                    Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new EmbeddedKafkaException(
                    "cannot make the broker's TLS certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Runs the JDK's keytool on a PKCS12 keystore whose password it takes from the environment, not the command. */
    private static void keytool(String password, Path keystore, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(
                List.of("-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, password);
        Process process = builder.start();
        // Nothing to answer: a keytool that asked a question would otherwise wait for ever.
        process.getOutputStream().close();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    /** The broker's side: its key, and what clients must trust. */
    record Server(Path keystore, Path certificate, String keystorePassword) {

        Map<String, String> clientTrust() {
            return Map.of(
                    "ssl.truststore.type",
                    "PEM",
                    "ssl.truststore.location",
                    certificate.toAbsolutePath().toString());
        }

        @Override
        public String toString() {
            return "Server[keystore=" + keystore + ", certificate=" + certificate + ", keystorePassword=(hidden)]";
        }

        Map<String, String> brokerConfig(String listener) {
            String prefix = "listener.name." + listener + ".";
            return Map.of(
                    prefix + "ssl.keystore.type",
                    "PKCS12",
                    prefix + "ssl.keystore.location",
                    keystore.toAbsolutePath().toString(),
                    prefix + "ssl.keystore.password",
                    keystorePassword,
                    prefix + "ssl.key.password",
                    keystorePassword,
                    // The broker's own connections (inter-broker) trust the same certificate.
                    "ssl.truststore.type",
                    "PEM",
                    "ssl.truststore.location",
                    certificate.toAbsolutePath().toString());
        }
    }
}
