package org.reunify.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.reunify.security.ClientCredentials;
import org.reunify.security.CredentialFiles;

/** What a test needs to talk to the gateway of {@code up --secure --tls} from Java: trust, logins, a client. */
public final class GatewayClient {

    private GatewayClient() {}

    /** TLS that trusts exactly the certificate {@code up --tls} made ({@code ca.pem}). */
    public static SSLContext trusting(Path certificate) throws IOException, GeneralSecurityException {
        Certificate ca;
        try (InputStream in = Files.newInputStream(certificate)) {
            ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("reunify", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    public static HttpClient http(Path certificate) throws IOException, GeneralSecurityException {
        return HttpClient.newBuilder().sslContext(trusting(certificate)).build();
    }

    /** {@code USER:PASSWORD} of a login file, as {@code curl -u} takes it. */
    public static String userAndPassword(Path loginFile) {
        ClientCredentials login = ClientCredentials.from(CredentialFiles.read(loginFile), loginFile.toString());
        return login.user() + ":" + login.password();
    }

    /** The {@code Authorization} header of HTTP Basic for a login file. */
    public static String basic(Path loginFile) {
        return "Basic "
                + Base64.getEncoder().encodeToString(userAndPassword(loginFile).getBytes());
    }

    /** The records on each partition of the topic: its end offsets, summed (agencies write no transactions). */
    public static long records(Map<String, Object> client, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    public static URI api(URI http, String agency, String query) {
        return http.resolve("api/v1/agencies/" + agency + "/events" + (query.isEmpty() ? "" : "?" + query));
    }
}
