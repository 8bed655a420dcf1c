package org.reunify.producers;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.reunify.schemas.AdminCalls;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.ReunifyVersion;
import org.reunify.schemas.Topic;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * {@code reunify publish}: validates an agency's JSON Lines or CSV and publishes the valid events, keyed by case id.
 * Every refused line is reported as {@code FILE:LINE: reason}; nothing is dropped silently.
 */
public final class AgencyPublisher {

    /** How standard input is named, on the command line and in refusals. */
    public static final String STDIN = "-";

    private final String agency;
    private final Map<String, Object> clientConfig;
    private final EventLineParser parser;

    public AgencyPublisher(String agency, Map<String, Object> clientConfig) {
        this.agency = agency;
        this.clientConfig = Map.copyOf(clientConfig);
        this.parser = new EventLineParser(new EventFactory(agency, ReunifyVersion.publisher("publish")));
    }

    /**
     * @param files    paths, or {@link #STDIN}
     * @param format   what the files hold; empty: each file's name says ({@link InputFormat#forFile})
     * @param dryRun   validate only: nothing is sent, no cluster is needed
     * @param refusals where {@code FILE:LINE: reason} lines go
     */
    public Summary publish(List<String> files, Optional<InputFormat> format, boolean dryRun, PrintWriter refusals)
            throws IOException {
        Topic<String, ReunificationEvent> topic = Topics.events(agency);
        Tally tally = new Tally(refusals);
        if (dryRun) {
            for (String file : files) {
                read(file, format, tally, (event, line) -> tally.published.incrementAndGet());
            }
            return tally.summary();
        }
        requireTopic(topic.name());
        try (KafkaProducer<String, ReunificationEvent> producer =
                EventProducers.create(clientConfig, "reunify-publish-" + agency)) {
            for (String file : files) {
                read(
                        file,
                        format,
                        tally,
                        (event, line) -> producer.send(topic.record(event.getCaseId(), event), (metadata, error) -> {
                            if (error == null) {
                                tally.published.incrementAndGet();
                            } else {
                                tally.failed(file, line, "not published: " + error.getMessage());
                            }
                        }));
            }
            producer.flush();
        }
        return tally.summary();
    }

    private void read(String file, Optional<InputFormat> format, Tally tally, Sink sink) throws IOException {
        try (InputStream in = STDIN.equals(file) ? System.in : Files.newInputStream(Path.of(file));
                EventInput events =
                        new EventInput(in, format.orElse(InputFormat.forFile(file)), parser, Instant.now())) {
            for (EventInput.Entry entry = events.next(); entry != null; entry = events.next()) {
                if (entry.isRefused()) {
                    tally.refused(file, entry.line(), entry.refusal().detail());
                } else {
                    sink.accept(entry.event(), entry.line());
                }
            }
        }
    }

    private void requireTopic(String topic) {
        try (Admin admin = Admin.create(clientConfig)) {
            AdminCalls.await(admin.describeTopics(Set.of(topic)).allTopicNames(), "look up " + topic);
        } catch (UnknownTopicOrPartitionException e) {
            throw new MissingAgencyTopicException(agency);
        }
    }

    /** What became of the lines. */
    public record Summary(long published, long refused, long failed) {

        public boolean clean() {
            return refused == 0 && failed == 0;
        }
    }

    @FunctionalInterface
    private interface Sink {
        void accept(ReunificationEvent event, int line);
    }

    /** Counts outcomes, from this thread and the producer's, and reports each problem as it happens. */
    private static final class Tally {
        final AtomicLong published = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final PrintWriter out;

        Tally(PrintWriter out) {
            this.out = out;
        }

        void refused(String file, int line, String reason) {
            refused.incrementAndGet();
            report(file, line, reason);
        }

        void failed(String file, int line, String reason) {
            failed.incrementAndGet();
            report(file, line, reason);
        }

        private synchronized void report(String file, int line, String reason) {
            out.println(file + ":" + line + ": " + reason);
            out.flush();
        }

        Summary summary() {
            return new Summary(published.get(), refused.get(), failed.get());
        }
    }
}
