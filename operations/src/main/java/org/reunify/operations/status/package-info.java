/**
 * {@code reunify status}: what an operator checks first, read from the cluster (and the sinks' stored positions)
 * without writing anything, judged into a list of problems.
 */
package org.reunify.operations.status;
