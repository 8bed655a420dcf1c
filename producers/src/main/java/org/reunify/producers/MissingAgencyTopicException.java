package org.reunify.producers;

import org.reunify.schemas.Topics;

/** An agency publishes before it is provisioned: says which command provisions it. */
public final class MissingAgencyTopicException extends IllegalStateException {

    public MissingAgencyTopicException(String agency) {
        super("agency '" + agency + "' has no topic " + Topics.eventsTopic(agency)
                + ": provision it first with `reunify agency add " + agency + "`");
    }
}
