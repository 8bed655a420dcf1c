package org.reunify.app;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.reunify.producers.Simulation;
import org.reunify.producers.simulate.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Publish a realistic synthetic history from several agencies, provisioning the agencies it needs.",
            "It has cross-agency duplicates, re-deliveries, retractions (some before their target), returns and "
                    + "region moves.",
            "--scenario dec-2025 gives the December 2025 national figures: 19,546 deported, 1,859 returned."
        })
final class SimulateCommand implements Callable<Integer> {

    enum ScenarioName {
        dec2025,
        random
    }

    /** Also the seed of {@code up --demo}, so that both publish the very same history and a data dir holds it once. */
    static final String DEFAULT_SEED = "2025";

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--scenario",
            defaultValue = "dec-2025",
            converter = ScenarioNameConverter.class,
            description = "dec-2025 or random (default: ${DEFAULT-VALUE}).")
    ScenarioName scenario;

    @Option(
            names = "--cases",
            defaultValue = "10000",
            description = "Cases in a random scenario (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(
            names = "--seed",
            defaultValue = DEFAULT_SEED,
            description = "Same seed, same history (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rate",
            defaultValue = "0",
            paramLabel = "EVENTS_PER_SECOND",
            description = "Publish at this pace, e.g. to watch a dashboard move; 0 = as fast as possible (default).")
    int rate;

    @Option(
            names = "--partitions",
            description = "Partitions for newly provisioned agencies (default: as existing agencies, or 6).")
    Integer partitions;

    @Option(
            names = "--replication-factor",
            description = "Replicas for newly provisioned agencies (default: the broker's default).")
    Short replication;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Scenario history = scenario == ScenarioName.dec2025 ? Scenario.dec2025(seed) : Scenario.random(cases, seed);
        long published = new Simulation(cluster.clientConfig())
                .run(
                        history,
                        partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions),
                        Optional.ofNullable(replication),
                        rate);
        spec.commandLine()
                .getOut()
                .printf(
                        "published %,d events of scenario %s from %d agencies; once the stream has caught up, "
                                + "`reunify totals` shows UA: %,d deported, %,d returned%n",
                        published,
                        history.name(),
                        history.agencies().size(),
                        history.expectedDeported(),
                        history.expectedReturned());
        spec.commandLine().getOut().flush();
        return 0;
    }

    static final class ScenarioNameConverter implements ITypeConverter<ScenarioName> {
        @Override
        public ScenarioName convert(String value) {
            return switch (value) {
                case "dec-2025" -> ScenarioName.dec2025;
                case "random" -> ScenarioName.random;
                default -> throw new TypeConversionException("scenario must be dec-2025 or random");
            };
        }
    }
}
