package io.nlpstream.it;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.local.EmbeddedKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real KRaft broker for the tests of one class, started before them and stopped after. */
final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        JobConfiguration.trustSchemaPackage();
        kafka = EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        kafka.close();
    }

    EmbeddedKafka kafka() {
        return kafka;
    }
}
