package org.reunify.testkit;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On an instance field, the extension gives each test a broker of its own: both can create the same topic. */
class KafkaBrokerExtensionTest {

    @RegisterExtension
    final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void oneTestCreatesTheTopic() {
        kafka.broker().createTopic("only-mine", 1, Map.of());
    }

    @Test
    void anotherTestCreatesItAgainOnItsOwnBroker() {
        kafka.broker().createTopic("only-mine", 1, Map.of());
    }
}
