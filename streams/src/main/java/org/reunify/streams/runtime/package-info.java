/**
 * Running the streams app: its configuration ({@link org.reunify.streams.runtime.PipelineStreams}), the runner every
 * command goes through ({@link org.reunify.streams.runtime.StreamsRunner}) with its clients and resubscriptions as
 * agencies join, what it does when a thread or a record fails, and the topics it creates and checks before it starts.
 */
package org.reunify.streams.runtime;
