package org.reunify.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.reunify.dashboard.http.TlsKeystore;
import org.reunify.dashboard.http.WebServer;
import org.reunify.gateway.GatewayLimits;
import org.reunify.gateway.GatewaySettings;
import org.reunify.operations.Operations;
import org.reunify.operations.OperationsEndpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = {
            "Take agencies' files over HTTP(S) and publish them, each with the agency's own login, until interrupted: "
                    + "the API under /api/v1/ and the page /publish (see README, Publishing over HTTPS).",
            "On a secured cluster (--command-config with the gateway's login) every request carries an agency's login; "
                    + "beyond this machine only over TLS (--tls-keystore). On an open cluster it serves this machine "
                    + "only."
        })
final class GatewayCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    HttpOptions http;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            description = "Serve HTTPS with this PKCS12 keystore's key and certificate (reunify up --tls makes "
                    + "DATA-DIR/credentials/broker.p12).")
    Path keystore;

    @Option(
            names = "--tls-keystore-password-file",
            paramLabel = "FILE",
            description = "The keystore's password, on the file's first line (up --tls: "
                    + "DATA-DIR/credentials/broker-keystore.password).")
    Path keystorePassword;

    @Option(
            names = "--spool-dir",
            paramLabel = "DIR",
            description = "Where uploads are kept while they are checked and published, owner-only, deleted after "
                    + "(default: the system's temporary directory).")
    Path spoolDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> clientConfig = cluster.clientConfig();
        Optional<TlsKeystore> tls = tls();
        try (Services services = new Services()) {
            Operations operations = PipelineLauncher.operations(services, clientConfig, false);
            WebServer web = PipelineLauncher.webServer(services, http, tls);
            OperationsEndpoints endpoints = operations.endpoints();
            OperationsEndpoints.PATHS.forEach(path -> web.serve(path, endpoints));
            Path spool = spoolDir != null
                    ? spoolDir
                    : Path.of(System.getProperty("java.io.tmpdir"), "reunify-gateway-uploads");
            Optional<String> refusal = PipelineLauncher.startGateway(
                    services,
                    web,
                    new GatewaySettings(
                            clientConfig, cluster.logsIn(), spool, Optional.empty(), GatewayLimits.DEFAULT));
            if (refusal.isPresent()) {
                throw new IllegalArgumentException("the gateway will not start: " + refusal.get());
            }
            web.start();
            operations.started();
            spec.commandLine()
                    .getOut()
                    .printf(
                            "gateway on %spublish (API: %sapi/v1/agencies/ID/events)%s%n",
                            web.uri(),
                            web.uri(),
                            cluster.logsIn() ? "" : "; open cluster: this machine only, no logins");
            spec.commandLine().getOut().flush();
            return services.awaitStop(spec.commandLine().getErr());
        }
    }

    private Optional<TlsKeystore> tls() {
        if (keystore == null) {
            if (keystorePassword != null) {
                throw new IllegalArgumentException("--tls-keystore-password-file goes with --tls-keystore");
            }
            return Optional.empty();
        }
        if (keystorePassword == null) {
            throw new IllegalArgumentException("--tls-keystore needs --tls-keystore-password-file");
        }
        try {
            String password = Files.readAllLines(keystorePassword, StandardCharsets.UTF_8).stream()
                    .findFirst()
                    .orElse("")
                    .strip();
            return Optional.of(new TlsKeystore(keystore, password));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --tls-keystore-password-file " + keystorePassword, e);
        }
    }
}
