package io.nlpstream.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FlinkRestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHistogramWithoutValuesIsNoMeasurement() throws Exception {
        // What the REST API answers for a batch-size histogram before the first batch has closed.
        var answer = JSON.readTree("[{\"id\": \"0.inference.batchSize_mean\", \"avg\": \"NaN\"}]");

        assertThat(FlinkRest.measured(answer, "avg")).isEmpty();
    }

    @Test
    void readsTheFirstEntrysField() throws Exception {
        var answer = JSON.readTree("[{\"id\": \"numRestarts\", \"value\": \"2\"}]");

        assertThat(FlinkRest.measured(answer, "value")).hasValue(2.0);
        assertThat(FlinkRest.measured(answer, "avg")).isEmpty();
        assertThat(FlinkRest.measured(JSON.readTree("[]"), "value")).isEmpty();
        assertThat(FlinkRest.measured(null, "value")).isEmpty();
    }
}
