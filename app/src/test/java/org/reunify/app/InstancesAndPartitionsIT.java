package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.producers.Simulation;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.Tally;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBrokerExtension;

/**
 * A case's events from every agency topic meet in one place whatever the partition counts and the number of
 * instances: a simulated history with cross-agency duplicates and retractions gives its exact national figures
 * when two instances share the work and one of them leaves half-way.
 */
class InstancesAndPartitionsIT {

    private static final Scenario HISTORY = Scenario.random(3_000, 11);

    @TempDir
    Path dir;

    /** A fresh broker for every test: the topics are the pipeline's fixed names. */
    @RegisterExtension
    final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void twoInstancesWithOtherPartitionCountsThanTheAgencyTopicsCountExactlyOnce() throws InterruptedException {
        Map<String, Object> client = kafka.broker().clientConfig();
        Pipeline pipeline = new Pipeline(client, new TopologySettings(4));
        StreamsRunner one = pipeline.startStreams(dir.resolve("one"));
        StreamsRunner two = pipeline.startStreams(dir.resolve("two"));
        try {
            new Simulation(client).run(HISTORY, OptionalInt.of(3), Optional.of((short) 1), 0);
            one.close();

            Figures.awaitNational(client, HISTORY.expectedDeported(), HISTORY.expectedReturned());
            // Each region is a key of its own on the totals topic: the national line can be read before the last
            // change of a region, so the regions are summed once every tally equals the replay's.
            List<Tally> settled = Figures.awaitSettled(client);

            assertThat(sumOfRegions(settled))
                    .isEqualTo(Figures.national(HISTORY.expectedDeported(), HISTORY.expectedReturned()));
        } finally {
            one.close();
            two.close();
        }
    }

    private static String sumOfRegions(List<Tally> totals) {
        long deported = 0;
        long returned = 0;
        for (Tally tally : totals) {
            if (!tally.code().equals("UA")) {
                deported += tally.deported();
                returned += tally.returned();
            }
        }
        return Figures.national(deported, returned);
    }
}
