package org.reunify.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {

    @TempDir
    Path dir;

    @Test
    void aLoginFileIsOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        Path file = CredentialFiles.write(
                dir.resolve("logins").resolve("dashboard.properties"),
                Map.of("security.protocol", "SASL_PLAINTEXT"),
                ClientCredentials.generate("dashboard"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aLoginFileIsTheClientPropertiesKafkaToolsTakeAndGivesTheLoginBack() {
        ClientCredentials login = ClientCredentials.generate("agency-nib");
        Path file = CredentialFiles.write(
                dir.resolve("agency-nib.properties"),
                Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "ssl.truststore.type",
                        "PEM",
                        "ssl.truststore.location",
                        "/data/credentials/ca.pem"),
                login);

        Properties properties = CredentialFiles.read(file);
        assertThat(properties)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/data/credentials/ca.pem");
        assertThat(properties.getProperty("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"agency-nib\"");
        assertThat(ClientCredentials.from(properties, file.toString())).isEqualTo(login);
    }

    @Test
    void rewritingALoginFileReplacesItWhole() {
        Path file = dir.resolve("pipeline.properties");
        CredentialFiles.write(file, Map.of(), ClientCredentials.generate("pipeline"));
        ClientCredentials rotated = ClientCredentials.generate("pipeline");
        CredentialFiles.write(file, Map.of(), rotated);

        assertThat(ClientCredentials.from(CredentialFiles.read(file), file.toString()))
                .isEqualTo(rotated);
        assertThat(dir.toFile().list()).containsExactly("pipeline.properties");
    }

    @Test
    void onlyTheConnectionNotTheLoginIsCopiedFromAnotherClientsSettings() {
        Map<String, Object> admin = Map.of(
                "bootstrap.servers",
                "127.0.0.1:9092",
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "secret",
                "ssl.truststore.location",
                "/ca.pem");

        assertThat(CredentialFiles.connectionSettings(admin))
                .isEqualTo(Map.of("security.protocol", "SASL_SSL", "ssl.truststore.location", "/ca.pem"));
    }

    @Test
    void aPasswordNeverShowsInTheCredentialsText() {
        ClientCredentials login = ClientCredentials.generate("auditor");

        assertThat(login.toString()).contains("auditor").doesNotContain(login.password());
    }

    @Test
    void aFileWithoutAReunifyLoginIsRefusedWithItsName() {
        assertThatThrownBy(() -> ClientCredentials.from(new Properties(), "/etc/client.properties"))
                .hasMessageContaining("/etc/client.properties");
    }
}
