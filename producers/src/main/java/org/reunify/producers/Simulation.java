package org.reunify.producers;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.AdminCalls;
import org.reunify.schemas.TopicProvisioner;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;

/** {@code reunify simulate}: provisions a scenario's agencies and publishes its history, in order. */
public final class Simulation {

    private final Map<String, Object> clientConfig;

    public Simulation(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /**
     * Whether the scenario's agencies already hold at least as many events as it has: a rerun would only add copies.
     */
    public boolean alreadyPublished(Scenario scenario) {
        try (Admin admin = Admin.create(clientConfig)) {
            Map<String, Integer> partitions = new TopicProvisioner(admin).agencyPartitions();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (String agency : scenario.agencies()) {
                for (int partition = 0; partition < partitions.getOrDefault(agency, 0); partition++) {
                    ends.put(new TopicPartition(Topics.eventsTopic(agency), partition), OffsetSpec.latest());
                }
            }
            long stored =
                    AdminCalls.await(admin.listOffsets(ends).all(), "read the agency topics' end offsets")
                            .values()
                            .stream()
                            .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                            .sum();
            return stored >= scenario.events().size();
        }
    }

    /** Provisions the scenario's agencies, as {@link #run} does first; those already there are left as they are. */
    public void provision(Scenario scenario, OptionalInt partitions, Optional<Short> replication) {
        try (Admin admin = Admin.create(clientConfig)) {
            AgencyProvisioning provisioning = new AgencyProvisioning(admin);
            scenario.agencies().forEach(agency -> provisioning.add(agency, partitions, replication));
        }
    }

    /**
     * @param eventsPerSecond 0 to publish as fast as the cluster takes it; otherwise a pace for live demos
     * @return how many events were published
     */
    public long run(Scenario scenario, OptionalInt partitions, Optional<Short> replication, int eventsPerSecond)
            throws InterruptedException {
        provision(scenario, partitions, replication);
        AtomicLong published = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, ReunificationEvent> producer =
                        EventProducers.create(clientConfig, "reunify-simulate");
                Progress progress = Progress.of(
                        "publishing " + scenario.name(), scenario.events().size())) {
            long sent = 0;
            for (ReunificationEvent event : scenario.events()) {
                producer.send(Topics.events(event.getAgency()).record(event.getCaseId(), event), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        published.incrementAndGet();
                    }
                });
                progress.step();
                sent++;
                if (eventsPerSecond > 0) {
                    pace(started, sent, eventsPerSecond);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "published " + published.get() + " of " + scenario.events().size() + " events; the rest failed: "
                            + failure.get().getMessage(),
                    failure.get());
        }
        return published.get();
    }

    private static void pace(long started, long sent, int eventsPerSecond) throws InterruptedException {
        long due = started + sent * 1_000_000_000L / eventsPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
