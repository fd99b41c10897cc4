package io.nlpstream.jobs.profiles;

import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.EntitySentiment;
import io.nlpstream.schemas.SpikeAlert;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The derived streams a profile adds; null where the profile has none of that kind. */
public record ProfileStreams(
        DataStream<SpikeAlert> spikeAlerts,
        DataStream<EntitySentiment> entitySentiment,
        DataStream<Alert> escalations,
        DataStream<DeadLetter> deadLetters) {

    public static ProfileStreams none() {
        return new ProfileStreams(null, null, null, null);
    }
}
