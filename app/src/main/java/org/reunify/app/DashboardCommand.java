package org.reunify.app;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.reunify.dashboard.http.WebServer;
import org.reunify.operations.Operations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the live dashboard of the committed totals and its JSON and Server-Sent Events API, until "
                    + "interrupted.",
            "It only reads reunification.totals, reunification.totals.daily and reunification.destinations "
                    + "(read_committed, no consumer group): run as many as you need."
        })
final class DashboardCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    DashboardOptions dashboard;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        try (Services services = new Services()) {
            Map<String, Object> clientConfig = cluster.clientConfig();
            Operations operations = PipelineLauncher.operations(services, clientConfig, false);
            WebServer web = PipelineLauncher.webServer(services, dashboard.http, Optional.empty());
            PipelineLauncher.startDashboard(services, operations, clientConfig, dashboard, web);
            web.start();
            operations.started();
            spec.commandLine().getOut().printf("dashboard on %s%n", web.uri());
            spec.commandLine().getOut().flush();
            return services.awaitStop(spec.commandLine().getErr());
        }
    }
}
