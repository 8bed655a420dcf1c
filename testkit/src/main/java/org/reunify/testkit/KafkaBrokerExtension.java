package org.reunify.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-broker cluster for tests. On a static field, one per test class:
 * {@code @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();}. On an instance
 * field, a fresh one for every test, for tests that need topics nobody else has touched.
 */
public final class KafkaBrokerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private KafkaBroker broker;
    /** Nested test classes call the inherited extension again; they share the broker of the class that started it. */
    private String owner;

    private boolean perTest;

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
            stop();
        }
    }

    /**
     * Only an extension on an instance field gets here without a broker: JUnit registers it after {@code beforeAll}.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (broker == null) {
            broker = KafkaBroker.start();
            perTest = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    private void stop() {
        try {
            broker.close();
        } finally {
            broker = null;
            owner = null;
            perTest = false;
        }
    }

    /**
     * The running broker; available from {@code @BeforeAll} methods on (static field) or {@code @BeforeEach} (instance
     * field).
     */
    public KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("no broker: register the extension with @RegisterExtension");
        }
        return broker;
    }
}
