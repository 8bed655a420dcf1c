/**
 * The pipeline as a Kafka Streams topology ({@link org.reunify.streams.topology.ReunificationTopology}): a function
 * of a {@code StreamsBuilder} and {@link org.reunify.streams.topology.TopologySettings}, its processors (receive, fold
 * the case, collect the changes, sum the tallies), the names of its stores and internal topics, and what its stages
 * hand each other. The counting itself is {@code rules}'; the bytes of what it keeps are {@code serdes}'.
 */
package org.reunify.streams.topology;
