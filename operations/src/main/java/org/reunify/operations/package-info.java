/**
 * Running the pipeline in production (docs/DESIGN.md "Operations"): the health endpoints and Prometheus metrics that
 * the long-running commands serve, and {@code reunify status}, what an operator checks first.
 */
package org.reunify.operations;
