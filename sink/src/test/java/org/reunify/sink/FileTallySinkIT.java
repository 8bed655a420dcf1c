package org.reunify.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.testkit.CapturedLog;
import org.reunify.testkit.KafkaBrokerExtension;

/** The file sink on a real broker. */
class FileTallySinkIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void recordsThatHoldNoTallyAreSkippedAndCountedAndTheFilesKeepEveryTallyAroundThemAcrossARestart()
            throws Exception {
        TallyFiles files = new TallyFiles(dir);
        try (TotalsTopicFixture totals = new TotalsTopicFixture(kafka.broker());
                CapturedLog log = CapturedLog.of(TallyRecords.class.getName())) {
            totals.publish(200);
            int malformed = totals.publishMalformed();
            totals.publish(200);
            try (RunningSink sink =
                    new RunningSink(new FileTallySink(kafka.broker().clientConfig(), files))) {
                awaitFiles(files, totals);
                assertThat(sink.failure()).isNull();
            }

            // A restart reads the topic from its beginning: past the same records again, and past new ones.
            int more = totals.publishMalformed();
            totals.publish(200);
            try (RunningSink sink =
                    new RunningSink(new FileTallySink(kafka.broker().clientConfig(), files))) {
                awaitFiles(files, totals);
                assertThat(sink.failure()).isNull();
            }

            assertThat(log.warnings())
                    .as("one warning per skipped record and start, saying where it lies, never what it holds")
                    .hasSize(malformed + malformed + more)
                    .allSatisfy(line -> assertThat(line)
                            .contains("on reunification.totals at partition")
                            .doesNotContain(TotalsTopicFixture.MARKER));
        }
    }

    private static void awaitFiles(TallyFiles files, TotalsTopicFixture totals) {
        List<Tally> expected = Tallies.complete(TotalsTopicFixture.latest(totals.changes()));
        await().atMost(WITHIN)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(TallyJson.fromJsonArray(Files.readString(files.json())))
                        .isEqualTo(expected));
    }
}
