package org.reunify.bench;

/** How many records a phase moved and in how long. */
record Rate(long records, long nanos) {

    static Rate since(long records, long startNanos) {
        return new Rate(records, System.nanoTime() - startNanos);
    }

    double seconds() {
        return nanos / 1e9;
    }

    double perSecond() {
        return records / seconds();
    }
}
