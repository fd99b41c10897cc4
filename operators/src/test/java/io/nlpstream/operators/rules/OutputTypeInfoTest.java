package io.nlpstream.operators.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.alerts.AlertFactory;
import io.nlpstream.operators.alerts.AlertSeverity;
import io.nlpstream.operators.routing.ConfidenceRouter;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.Rule;
import io.nlpstream.schemas.ScoredEvent;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.junit.jupiter.api.Test;

/** Every record the router and rule engine read or write is serialized by Avro, never Kryo. */
class OutputTypeInfoTest {

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = type.createSerializer(config);
        assertThat(serializer).isInstanceOf(AvroSerializer.class);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void recordTypesAreAvroTypeInfo() {
        for (Class<?> type :
                List.of(
                        ScoredEvent.class,
                        Rule.class,
                        Prediction.class,
                        ReviewTask.class,
                        Alert.class,
                        DeadLetter.class)) {
            assertThat(TypeInformation.of(type))
                    .as(type.getName())
                    .isInstanceOf(AvroTypeInfo.class);
        }
        assertThat(OutputTags.REVIEW.getTypeInfo()).isInstanceOf(AvroTypeInfo.class);
        assertThat(OutputTags.ALERTS.getTypeInfo()).isInstanceOf(AvroTypeInfo.class);
        assertThat(OutputTags.DEAD_LETTERS.getTypeInfo()).isInstanceOf(AvroTypeInfo.class);
    }

    @Test
    void functionOutputTypesAreExtractedAsAvro() {
        assertThat(
                        TypeExtractor.getBinaryOperatorReturnType(
                                new RuleEngineFunction(),
                                org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction
                                        .class,
                                0,
                                1,
                                2,
                                TypeExtractor.NO_INDEX,
                                TypeInformation.of(ScoredEvent.class),
                                TypeInformation.of(Rule.class),
                                null,
                                false))
                .isInstanceOf(AvroTypeInfo.class);
        assertThat(
                        TypeExtractor.getUnaryOperatorReturnType(
                                new ConfidenceRouter(),
                                org.apache.flink.streaming.api.functions.ProcessFunction.class,
                                0,
                                1,
                                TypeExtractor.NO_INDEX,
                                TypeInformation.of(ScoredEvent.class),
                                null,
                                false))
                .isInstanceOf(AvroTypeInfo.class);
    }

    @Test
    void outputsRoundTripWithGenericTypesDisabled() throws Exception {
        ScoredEvent scored =
                RuleFixtures.lowConfidence(RuleFixtures.scored("e1", "text", "neg", 0.5), 0.9);
        RuleOutcome outcome = new RuleOutcome(List.of("r1"), "neg", "q", null, null, List.of());
        Prediction prediction = DecisionRecords.prediction(scored, outcome, "q", "high", 9L);
        ReviewTask review = DecisionRecords.reviewTask(scored, outcome, "LOW_CONFIDENCE", 9L);
        DeadLetter dead = DecisionRecords.rulesDeadLetter(scored, "spam", "RULE:r1", 9L);
        Alert alert = AlertFactory.forRule("r1", AlertSeverity.INFO, "d", scored, "neg", 9L);
        Rule rule = RuleFixtures.rule("r1", "KEYWORD", "x", "DROP", "y");

        assertThat(roundTrip(TypeInformation.of(ScoredEvent.class), scored)).isEqualTo(scored);
        assertThat(roundTrip(TypeInformation.of(Prediction.class), prediction))
                .isEqualTo(prediction);
        assertThat(roundTrip(TypeInformation.of(ReviewTask.class), review)).isEqualTo(review);
        assertThat(roundTrip(TypeInformation.of(DeadLetter.class), dead)).isEqualTo(dead);
        assertThat(roundTrip(TypeInformation.of(Alert.class), alert)).isEqualTo(alert);
        assertThat(roundTrip(TypeInformation.of(Rule.class), rule)).isEqualTo(rule);
    }
}
