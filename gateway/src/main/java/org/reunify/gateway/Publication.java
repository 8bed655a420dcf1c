package org.reunify.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.reunify.producers.EventInput;
import org.reunify.producers.EventLineParser;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.ReunifyVersion;
import org.reunify.schemas.Topic;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.CaseEvent;

/**
 * Checks an upload's lines and publishes the ones it may: the same reading and checks as {@code reunify publish}
 * ({@link EventInput}), then the agency's history (a line whose event is on the topic already is "already published",
 * one that reuses an event id with other content is refused {@code CONFLICTING_DUPLICATE}). A line counts as
 * published once the broker has acknowledged it.
 */
final class Publication {

    private final GatewayLimits limits;

    Publication(GatewayLimits limits) {
        this.limits = limits;
    }

    /** Too many lines for one upload. */
    static final class TooManyLines extends Exception {
        TooManyLines(int max) {
            super("the upload has more than " + max + " lines: split the file", null, false, false);
        }
    }

    /**
     * Checks, then publishes unless it is a dry run, or lines were refused and the upload is all or nothing.
     *
     * @return the receipt's outcome
     */
    Receipt.Outcome run(
            Upload upload,
            Spool.Spooled body,
            PublishedEvents.History history,
            KafkaProducer<String, ReunificationEvent> producer,
            Receipt receipt,
            Instant now)
            throws IOException, TooManyLines {
        EventLineParser parser =
                new EventLineParser(new EventFactory(upload.agency(), ReunifyVersion.publisher("gateway")));
        BitSet toSend = new BitSet();
        long read = 0;
        long valid = 0;
        long already = 0;
        PublishedEvents.Check check = history.check();
        try (InputStream in = Files.newInputStream(body.file());
                EventInput lines = new EventInput(in, upload.format(), parser, now)) {
            for (EventInput.Entry entry = lines.next(); entry != null; entry = lines.next()) {
                if (++read > limits.maxLines()) {
                    throw new TooManyLines(limits.maxLines());
                }
                if (entry.isRefused()) {
                    receipt.refuse(entry.line(), entry.refusal());
                    continue;
                }
                switch (check.verdict(CaseEvent.of(entry.event()))) {
                    case NEW -> {
                        valid++;
                        toSend.set(entry.line());
                    }
                    case ALREADY_PUBLISHED -> {
                        valid++;
                        already++;
                    }
                    case CONFLICTING ->
                        receipt.refuse(
                                entry.line(),
                                Refusal.CONFLICTING_DUPLICATE.because(
                                        "this agency published an event with this eventId about this case before, "
                                                + "with other content"));
                }
            }
        }
        boolean publish =
                !upload.dryRun() && (receipt.refusedCount() == 0 || upload.atomic() == Upload.Atomic.VALID_ONLY);
        long published = publish ? send(upload, body, parser, toSend, history, producer, receipt, now) : 0;
        return receipt.close(read, valid, published, publish ? already : 0, upload.dryRun());
    }

    private static long send(
            Upload upload,
            Spool.Spooled body,
            EventLineParser parser,
            BitSet toSend,
            PublishedEvents.History history,
            KafkaProducer<String, ReunificationEvent> producer,
            Receipt receipt,
            Instant now)
            throws IOException {
        Topic<String, ReunificationEvent> topic = Topics.events(upload.agency());
        AtomicLong acknowledged = new AtomicLong();
        try (InputStream in = Files.newInputStream(body.file());
                EventInput lines = new EventInput(in, upload.format(), parser, now)) {
            for (EventInput.Entry entry = lines.next(); entry != null; entry = lines.next()) {
                if (!toSend.get(entry.line())) {
                    continue;
                }
                ReunificationEvent event = entry.event();
                int line = entry.line();
                try {
                    producer.send(topic.record(event.getCaseId(), event), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.incrementAndGet();
                            history.add(CaseEvent.of(event));
                        } else {
                            receipt.fail(line, "the broker did not take it: " + error.getMessage());
                        }
                    });
                } catch (KafkaException e) {
                    receipt.fail(line, "could not be sent: " + e.getMessage());
                }
            }
        }
        producer.flush();
        return acknowledged.get();
    }
}
