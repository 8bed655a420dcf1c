/**
 * What the topology's state stores and repartition topics hold, as bytes: the case states, the tally counts and the
 * records on their way to their case's partition, each versioned and read without trusting a declared length.
 */
package org.reunify.streams.serdes;
