package org.reunify.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One single-broker cluster per test class:
 * {@code @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();}
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private KafkaBroker broker;
    /** Nested test classes call the inherited extension again; they share the broker of the class that started it. */
    private String owner;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (broker == null) {
            broker = KafkaBroker.start();
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            try {
                broker.close();
            } finally {
                broker = null;
                owner = null;
            }
        }
    }

    /** The running broker; available from {@code @BeforeAll} methods on. */
    public KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("no broker: register the extension on a static field");
        }
        return broker;
    }
}
