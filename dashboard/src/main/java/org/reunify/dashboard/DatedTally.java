package org.reunify.dashboard;

import java.time.LocalDate;
import org.reunify.schemas.Tally;

/** A tally as it stood at the end of a (Kyiv) day on which it changed: a value of the daily totals. */
public record DatedTally(LocalDate date, Tally tally) {}
