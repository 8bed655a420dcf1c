package org.reunify.app;

/** What a listing of tallies is by: the region a case counts in, or where the child was taken (rule 7). */
enum Breakdown {
    region,
    destination
}
