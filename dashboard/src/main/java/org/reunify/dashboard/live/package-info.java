/**
 * The figures the dashboard serves, kept current from the published topics as their feeds deliver them (totals, daily
 * tallies, destinations, the timeline), suppressed as configured, and the change events told to the open event
 * streams.
 */
package org.reunify.dashboard.live;
