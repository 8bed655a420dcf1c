package org.reunify.streams;

import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Names the record a failure is about as an operator finds it: in the agency topics where it came from one. */
final class RecordNames {

    private RecordNames() {
    }

    static String of(ErrorHandlerContext context) {
        String here = context.topic() + " partition " + context.partition() + " offset " + context.offset();
        if (context.topic() != null && context.topic().endsWith("-" + ReunificationTopology.CASE_EVENTS + "-repartition")
                && context.sourceRawValue() != null) {
            try {
                Received received = Received.fromBytes(context.sourceRawValue());
                return received.topic() + " partition " + received.partition() + " offset " + received.offset() + " (read as " + here + ")";
            } catch (IllegalStateException e) {
                return here;
            }
        }
        return here;
    }
}
