package io.nlpstream.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.metrics.WindowPolicy;
import io.nlpstream.drift.monitor.DriftMonitorConfig;
import io.nlpstream.drift.testutils.Records;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DriftTopologyITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void accountsForEveryRecordOnAMiniCluster() throws Exception {
        Random random = new Random(1);
        List<ScoredEvent> scored = new ArrayList<>();
        List<Feedback> feedback = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double p = random.nextDouble();
            scored.add(Records.binary("e" + i, "1", p, i * 10L));
            if (i % 3 != 0) {
                String label = random.nextDouble() < p ? "pos" : "neg";
                feedback.add(Records.feedback("e" + i, label, i * 10L + 5));
            }
        }
        for (int i = 0; i < 7; i++) {
            feedback.add(Records.feedback("stray" + i, "pos", 100L));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DriftStreams streams =
                DriftTopology.attach(
                        "drift",
                        env.fromData(scored, TypeInformation.of(ScoredEvent.class)),
                        env.fromData(feedback, TypeInformation.of(Feedback.class)),
                        Duration.ofMinutes(1),
                        TimeDomain.EVENT_TIME,
                        DriftMonitorConfig.builder()
                                .emitEvery(100)
                                .minLabelledForAuc(50)
                                .baselineAfterLabelled(50)
                                .build());
        CloseableIterator<LabelledScore> labelled = streams.labelled().collectAsync();
        CloseableIterator<DriftMetric> metrics = streams.metrics().collectAsync();
        CloseableIterator<ModelUpdate> retrain = streams.retrainRequests().collectAsync();
        CloseableIterator<LabelledScore> expired = streams.expiredPredictions().collectAsync();
        CloseableIterator<Feedback> unmatched = streams.unmatchedFeedback().collectAsync();
        env.execute("drift-topology-test");

        List<LabelledScore> joined = drain(labelled);
        List<LabelledScore> expiredList = drain(expired);
        List<Feedback> unmatchedList = drain(unmatched);
        List<DriftMetric> metricList = drain(metrics);

        assertThat(joined).hasSize(200);
        assertThat(expiredList).hasSize(100);
        assertThat(unmatchedList)
                .extracting(Feedback::getId)
                .allMatch(id -> id.startsWith("stray"));
        assertThat(joined.size() + expiredList.size()).isEqualTo(scored.size());
        assertThat(joined.size() + unmatchedList.size()).isEqualTo(feedback.size());
        assertThat(metricList).hasSize(3).allMatch(m -> m.getModelVersion().equals("1"));
        assertThat(drain(retrain)).isEmpty();
    }

    @Test
    void labelsInAnotherCaseOrUnknownNeitherBecomeAClassNorFireARetrain() throws Exception {
        Random random = new Random(2);
        List<ScoredEvent> scored = new ArrayList<>();
        List<Feedback> feedback = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double p = random.nextDouble();
            scored.add(Records.binary("e" + i, "1", p, i * 10L));
            String label = random.nextDouble() < p ? "pos" : "neg";
            // From the middle on, the labelling tool capitalises its labels.
            feedback.add(
                    Records.feedback("e" + i, i < 300 ? label : capitalised(label), i * 10L + 5));
        }
        for (int i = 600; i < 605; i++) {
            scored.add(Records.binary("e" + i, "1", 0.5, i * 10L));
            feedback.add(Records.feedback("e" + i, "maybe", i * 10L + 5));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DriftStreams streams =
                DriftTopology.attach(
                        "drift",
                        env.fromData(scored, TypeInformation.of(ScoredEvent.class)),
                        env.fromData(feedback, TypeInformation.of(Feedback.class)),
                        Duration.ofMinutes(1),
                        TimeDomain.EVENT_TIME,
                        DriftMonitorConfig.builder()
                                .labelledWindow(WindowPolicy.count(200))
                                .emitEvery(100)
                                .minLabelledForAuc(50)
                                .baselineAfterLabelled(200)
                                .requiredConsecutive(20)
                                .build());
        CloseableIterator<LabelledScore> labelled = streams.labelled().collectAsync();
        CloseableIterator<ModelUpdate> retrain = streams.retrainRequests().collectAsync();
        CloseableIterator<Feedback> unmatched = streams.unmatchedFeedback().collectAsync();
        CloseableIterator<DeadLetter> rejected = streams.rejectedFeedback().collectAsync();
        env.execute("drift-topology-labels-test");

        List<LabelledScore> joined = drain(labelled);
        List<DeadLetter> rejectedList = drain(rejected);
        assertThat(joined).hasSize(600).allMatch(s -> Set.of("pos", "neg").contains(s.trueLabel));
        assertThat(rejectedList)
                .hasSize(5)
                .allMatch(
                        d ->
                                d.getReason()
                                        .equals(
                                                "label 'maybe' is not one of the model's labels"
                                                        + " [neg, pos]"));
        assertThat(joined.size() + drain(unmatched).size() + rejectedList.size())
                .isEqualTo(feedback.size());
        assertThat(drain(retrain)).isEmpty();
    }

    private static String capitalised(String label) {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static <T> List<T> drain(CloseableIterator<T> iterator) throws Exception {
        List<T> out = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(out::add);
        }
        return out;
    }
}
