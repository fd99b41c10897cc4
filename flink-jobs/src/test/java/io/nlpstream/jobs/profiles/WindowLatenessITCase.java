package io.nlpstream.jobs.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.entities.KeyedText;
import io.nlpstream.operators.spikes.KeyWindow;
import io.nlpstream.operators.spikes.SpikeDetectorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The profiles' key windows in event time: a text within the allowed lateness still updates its
 * closed window (which fires again); a later one is left out of every window and counted as late.
 */
class WindowLatenessITCase {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final long MINUTE = 60_000L;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @Test
    void aTextWithinTheAllowedLatenessIsCountedAndALaterOneIsCountedAsLate() throws Exception {
        List<KeyedText> texts =
                List.of(
                        text(0, 10),
                        text(0, 20),
                        text(1, 10), // closes [0, 1)
                        text(2, 10),
                        text(0, 50), // 1:20 behind, within the 2 minutes allowed: [0, 1) again
                        text(3, 30), // [0, 1) is now past its lateness
                        text(0, 40), // late
                        text(4, 10));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<KeyedText> keyed =
                env.fromData(texts, TypeInformation.of(KeyedText.class))
                        .assignTimestampsAndWatermarks(watermarkAtEachText());
        CloseableIterator<KeyWindow> windows =
                ProfileBranches.tallies("test", settings(), keyed).collectAsync();
        JobID job = env.execute("window-lateness").getJobID();

        List<String> fired = new ArrayList<>();
        windows.forEachRemaining(w -> fired.add(w.windowStart / MINUTE + ":" + w.count));
        assertThat(fired).containsExactly("0:2", "1:1", "0:3", "2:1", "3:1", "4:1");
        long late =
                METRICS.findMetrics(job, ".*lateTexts").values().stream()
                        .mapToLong(m -> ((Counter) m).getCount())
                        .sum();
        assertThat(late).isEqualTo(1);
    }

    private static OpinionSpikeSettings settings() {
        Duration minute = Duration.ofMinutes(1);
        return new OpinionSpikeSettings(
                minute,
                minute,
                Duration.ofMinutes(2),
                "negative",
                5,
                SpikeDetectorConfig.builder().window(minute).build());
    }

    private static KeyedText text(int minute, int second) {
        long time = minute * MINUTE + second * 1000L;
        return new KeyedText("acme", time, false, 1.0, "text at " + minute + ":" + second);
    }

    /** Watermarks at each text's time: what is late does not depend on a periodic timer. */
    private static WatermarkStrategy<KeyedText> watermarkAtEachText() {
        return WatermarkStrategy.<KeyedText>forGenerator(
                        context ->
                                new WatermarkGenerator<>() {
                                    private long max = Long.MIN_VALUE;

                                    @Override
                                    public void onEvent(
                                            KeyedText text, long time, WatermarkOutput output) {
                                        max = Math.max(max, time);
                                        output.emitWatermark(new Watermark(max));
                                    }

                                    @Override
                                    public void onPeriodicEmit(WatermarkOutput output) {}
                                })
                .withTimestampAssigner((text, previous) -> text.eventTime);
    }
}
