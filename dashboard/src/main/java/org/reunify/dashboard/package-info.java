/**
 * The live dashboard ({@code reunify dashboard}, and part of {@code up}): {@link org.reunify.dashboard.DashboardServer}
 * serves the page, the JSON API and the event streams of {@code /api/events}. What it serves comes from {@code live};
 * every figure it publishes goes through {@code disclosure}; {@code export} writes the open-data files from the same
 * tables; {@code http} is the HTTP server it runs on, which the gateway and the operations endpoints share.
 */
package org.reunify.dashboard;
