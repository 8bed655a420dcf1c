package org.reunify.app;

/** The two ways a report prints: a table for people, or JSON for programs. */
enum TableOrJson {
    table,
    json
}
