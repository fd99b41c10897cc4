package io.nlpstream.drift.monitor;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.testutils.Records;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.ScoredEvent;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class TmpThroughputTest {
    @Test
    void measure() throws Exception {
        for (int every : new int[] {1, 1, 10}) {
            var h = new KeyedTwoInputStreamOperatorTestHarness<String, ScoredEvent, LabelledScore, DriftMetric>(
                    new KeyedCoProcessOperator<>(new DriftMonitorFunction(DriftMonitorConfig.builder().aucEvery(every).build())),
                    new ModelKeys.OfScoredEvent(), new ModelKeys.OfLabelledScore(), Types.STRING);
            h.open();
            Random r = new Random(1);
            int n = 100_000;
            ScoredEvent[] s = new ScoredEvent[n];
            LabelledScore[] l = new LabelledScore[n];
            for (int i = 0; i < n; i++) {
                double p = r.nextDouble();
                s[i] = Records.binary("e" + i, "1", p, i);
                l[i] = LabelledScore.fromPrediction(s[i]).withFeedback(Records.feedback("e" + i, r.nextDouble() < p ? "pos" : "neg", i));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) h.processElement1(new StreamRecord<>(s[i], i));
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) h.processElement2(new StreamRecord<>(l[i], i));
            long t2 = System.nanoTime();
            System.out.printf("aucEvery=%d scored: %.1f us/rec, labelled: %.1f us/rec%n", every, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
            h.close();
        }
    }
}
