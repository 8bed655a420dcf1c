/**
 * The one HTTP server of reunify (docs/decisions.md #36): Jetty 12's core with its limits, the {@code Host} check, the
 * headers every answer carries, TLS, and whole answers and files from the jar. The dashboard, the gateway and the
 * operations endpoints serve on it; it knows nothing of what they serve.
 */
package org.reunify.dashboard.http;
