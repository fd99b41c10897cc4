package io.nlpstream.operators.spikes;

import static io.nlpstream.operators.spikes.SyntheticSeries.HOUR;
import static io.nlpstream.operators.spikes.SyntheticSeries.poissonCounts;
import static io.nlpstream.operators.spikes.SyntheticSeries.run;
import static io.nlpstream.operators.spikes.SyntheticSeries.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class SpikeDetectorTest {
    private static final SpikeDetectorConfig HOURLY =
            SpikeDetectorConfig.defaults(Duration.ofHours(1));

    @Test
    void aBurstInAPoissonSeriesFiresOnceInsideItAndResolvesWithItsPeak() {
        List<SeriesObservation> series =
                poissonCounts("acme", 400, 1, i -> i >= 200 && i < 206 ? 150 : 50);

        List<SpikeEvent> events = run(HOURLY, series);

        assertThat(events)
                .extracting(SpikeEvent::type)
                .containsExactly(SpikeEvent.Type.FIRED, SpikeEvent.Type.RESOLVED);
        SpikeEvent fired = events.get(0);
        assertThat(fired.windowStart()).isEqualTo(start(200));
        assertThat(fired.firedAt()).isEqualTo(start(201));
        assertThat(fired.expected()).isBetween(40.0, 60.0);
        assertThat(fired.observed()).isGreaterThan(100);
        assertThat(fired.score()).isGreaterThanOrEqualTo(6);
        assertThat(fired.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fired.examples()).containsExactly("text 200");

        SpikeEvent resolved = events.get(1);
        assertThat(resolved.episodeStart()).isEqualTo(start(200));
        assertThat(resolved.episodeEnd()).isEqualTo(start(206));
        assertThat(resolved.windows()).isEqualTo(6);
        assertThat(resolved.firedAt()).isEqualTo(start(207));
        double peak =
                series.subList(200, 206).stream()
                        .mapToDouble(SeriesObservation::value)
                        .max()
                        .orElseThrow();
        assertThat(resolved.observed()).isEqualTo(peak);
        assertThat(resolved.windowStart()).isBetween(start(200), start(205));
        assertThat(resolved.score()).isGreaterThanOrEqualTo(fired.score());
    }

    @Test
    void theBurstDoesNotPullTheBaselineUp() {
        List<SeriesObservation> series =
                poissonCounts("acme", 300, 2, i -> i >= 200 && i < 224 ? 200 : 50);

        List<SpikeEvent> events = run(HOURLY, series);

        assertThat(events)
                .extracting(SpikeEvent::type)
                .containsExactly(SpikeEvent.Type.FIRED, SpikeEvent.Type.RESOLVED);
        // a whole day of bursts is still one episode, all of it
        assertThat(events.get(1).windows()).isEqualTo(24);
        assertThat(events.get(1).expected()).isBetween(40.0, 70.0);
    }

    @Test
    void smallCountsNeverFireThoughTheirScoreIsHigh() {
        // mostly 0 or 1 per hour, now and then 8: far above the baseline, yet few events
        List<SeriesObservation> series = poissonCounts("rare", 500, 3, i -> i % 50 == 49 ? 0 : 0.3);
        for (int i = 49; i < 500; i += 50) {
            series.set(i, SeriesObservation.count("rare", start(i), start(i) + HOUR, 8, List.of()));
        }

        assertThat(run(HOURLY, series)).isEmpty();
        // the guard is what holds them back: without it they would fire
        SpikeDetectorConfig unguarded = HOURLY.toBuilder().minCount(0).minExcess(0).build();
        assertThat(run(unguarded, series)).isNotEmpty();
    }

    @Test
    void aSmoothTrendDoesNotFire() {
        List<SeriesObservation> rising = poissonCounts("rising", 24 * 21, 4, i -> 20 + i * 0.4);
        List<SeriesObservation> falling = poissonCounts("falling", 24 * 21, 5, i -> 220 - i * 0.4);

        assertThat(run(HOURLY, rising)).isEmpty();
        assertThat(run(HOURLY.toBuilder().direction(Direction.BOTH).build(), falling)).isEmpty();
    }

    @Test
    void aLearnedDailyRhythmDoesNotFireButABurstAtItsTroughDoes() {
        int windows = 24 * 35;
        int burst = 24 * 28 + 3; // 03:00 on day 29, near the trough
        List<SeriesObservation> series = poissonCounts("daily", windows, 6, i -> dailyMean(i));
        List<SeriesObservation> withBurst = new ArrayList<>(series);
        withBurst.set(
                burst,
                SeriesObservation.count("daily", start(burst), start(burst) + HOUR, 60, List.of()));

        KeyedSpikeDetector detector = new KeyedSpikeDetector(HOURLY);
        List<SpikeEvent> quiet = new ArrayList<>();
        series.forEach(w -> quiet.addAll(detector.observe(w)));
        assertThat(quiet).isEmpty();
        assertThat(detector.detector().seasonalActive(detector.state("daily"))).isTrue();

        List<SpikeEvent> events = run(HOURLY, withBurst);
        assertThat(events)
                .as(events.toString())
                .extracting(SpikeEvent::type)
                .containsExactly(SpikeEvent.Type.FIRED, SpikeEvent.Type.RESOLVED);
        assertThat(events.get(0).windowStart()).isEqualTo(start(burst));
        assertThat(events.get(0).expected()).isLessThan(20);

        // 60 is an ordinary count at noon: without the rhythm the same burst is not a spike
        SpikeDetectorConfig noRhythm =
                HOURLY.toBuilder().seasonalMinHistory(Duration.ofDays(365)).build();
        assertThat(run(noRhythm, withBurst)).isEmpty();
    }

    @Test
    void aWeeklyRhythmOnTopOfTheDailyOneIsLearnedAsAProduct() {
        // weekends at half the weekday rate, on a daily rhythm: 12 weeks, no event
        List<SeriesObservation> series =
                poissonCounts(
                        "weekly",
                        24 * 7 * 12,
                        15,
                        i -> ((i / 24) % 7 >= 5 ? 0.5 : 1) * dailyMean(i));
        KeyedSpikeDetector detector = new KeyedSpikeDetector(HOURLY);
        List<SpikeEvent> events = new ArrayList<>();
        series.forEach(w -> events.addAll(detector.observe(w)));

        assertThat(events).isEmpty();
        SeriesState state = detector.state("weekly");
        assertThat(detector.detector().seasonalActive(state)).isTrue();
        // on the square-root scale a weekend at half the rate is a factor of sqrt(1/2)
        Rhythm rhythm = new Rhythm(HOURLY);
        // 2024-01-06 is a Saturday, 2024-01-01 a Monday: the same hour, a weekend and a weekday
        assertThat(rhythm.factor(state, start(5 * 24 + 12)) / rhythm.factor(state, start(12)))
                .isCloseTo(Math.sqrt(0.5), within(0.05));
    }

    @Test
    void aNewDailyBatchFiresOnItsFirstDaysThenBecomesPartOfTheRhythm() {
        // about 3 an hour; from day 21 on, a batch of about 40 every day at 08:00
        int firstBatchDay = 21;
        List<SeriesObservation> series =
                poissonCounts(
                        "digest",
                        24 * 42,
                        16,
                        i -> i % 24 == 8 && i / 24 >= firstBatchDay ? 40 : 3);

        List<SpikeEvent> fired =
                run(HOURLY, series).stream()
                        .filter(e -> e.type() == SpikeEvent.Type.FIRED)
                        .collect(Collectors.toList());

        assertThat(fired).isNotEmpty();
        assertThat(fired)
                .allSatisfy(
                        e -> {
                            assertThat((e.windowStart() - start(0)) % (24 * HOUR))
                                    .isEqualTo(8 * HOUR);
                            // 8 days at most: the hour's median of 7 days has it after 4, and the
                            // rhythm then proves itself against the plain forecast in a few more
                            assertThat(e.windowStart()).isLessThan(start(24 * (firstBatchDay + 8)));
                        });
    }

    private static double dailyMean(long window) {
        return 40 * (1 + 0.8 * Math.sin(2 * Math.PI * ((window % 24) - 9) / 24.0));
    }

    @Test
    void noAlertBeforeTheWarmUp() {
        List<SeriesObservation> early = poissonCounts("w", 100, 7, i -> i == 10 ? 300 : 50);
        List<SeriesObservation> late = poissonCounts("w", 100, 7, i -> i == 30 ? 300 : 50);

        assertThat(run(HOURLY, early)).isEmpty();
        assertThat(run(HOURLY, late))
                .first()
                .extracting(SpikeEvent::windowStart)
                .isEqualTo(start(30));
        assertThat(run(HOURLY.toBuilder().warmupWindows(40).build(), late)).isEmpty();
    }

    @Test
    void theSameSeriesGivesTheSameAlerts() {
        List<SeriesObservation> series =
                poissonCounts("d", 600, 8, i -> i % 97 < 3 ? 180 : 60 + (i % 24));

        List<SpikeEvent> first = run(HOURLY, series);
        assertThat(first).isNotEmpty();
        assertThat(run(HOURLY, series)).isEqualTo(first);
    }

    @Test
    void alertsUpToTimeTDependOnlyOnTheSeriesUpToT() {
        List<SeriesObservation> series =
                poissonCounts("t", 600, 9, i -> i % 97 < 4 ? 200 : 40 + 20 * Math.sin(i / 30.0));
        List<SpikeEvent> full = run(HOURLY, series);
        assertThat(full).hasSizeGreaterThan(4);

        for (int cut : new int[] {30, 99, 150, 198, 201, 300, 389, 450, 599}) {
            long t = start(cut) + HOUR;
            List<SpikeEvent> truncated = run(HOURLY, series.subList(0, cut + 1));
            assertThat(truncated)
                    .as("alerts of the series cut after window %d", cut)
                    .isEqualTo(
                            full.stream()
                                    .filter(e -> e.firedAt() <= t)
                                    .collect(Collectors.toList()));
        }
    }

    @Test
    void aNegativeShareSpikeNeedsEnoughItemsToFire() {
        Well19937c random = new Well19937c(10);
        List<SeriesObservation> large = new ArrayList<>();
        List<SeriesObservation> small = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double p = i >= 150 && i < 153 ? 0.45 : 0.2;
            large.add(share("big", i, new BinomialDistribution(random, 300, p).sample(), 300));
            small.add(share("small", i, new BinomialDistribution(random, 12, p).sample(), 12));
        }

        List<SpikeEvent> events = run(HOURLY, large);
        assertThat(events)
                .extracting(SpikeEvent::type)
                .containsExactly(SpikeEvent.Type.FIRED, SpikeEvent.Type.RESOLVED);
        assertThat(events.get(0).windowStart()).isEqualTo(start(150));
        assertThat(events.get(0).expected()).isBetween(0.15, 0.25);
        assertThat(events.get(0).observed()).isBetween(0.35, 0.55);
        assertThat(run(HOURLY, small)).isEmpty();
    }

    @Test
    void aDropFiresOnlyWhenTheDirectionIsDown() {
        Well19937c random = new Well19937c(11);
        List<SeriesObservation> positiveShare = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            double p = i >= 100 && i < 104 ? 0.4 : 0.7;
            positiveShare.add(
                    share("bank", i, new BinomialDistribution(random, 200, p).sample(), 200));
        }

        assertThat(run(HOURLY, positiveShare)).isEmpty();
        List<SpikeEvent> down =
                run(HOURLY.toBuilder().direction(Direction.DOWN).build(), positiveShare);
        assertThat(down)
                .extracting(SpikeEvent::type)
                .containsExactly(SpikeEvent.Type.FIRED, SpikeEvent.Type.RESOLVED);
        assertThat(down.get(0).windowStart()).isEqualTo(start(100));
        assertThat(down.get(0).score()).isPositive();
        assertThat(down.get(0).observed()).isLessThan(down.get(0).expected());
    }

    @Test
    void missingWindowsOfACountSeriesAreEmptyWindows() {
        List<SeriesObservation> series = new ArrayList<>(poissonCounts("gap", 100, 12, i -> 80));
        series.subList(60, 64).clear();

        KeyedSpikeDetector detector =
                new KeyedSpikeDetector(HOURLY.toBuilder().direction(Direction.DOWN).build());
        List<SpikeEvent> events = new ArrayList<>();
        series.forEach(w -> events.addAll(detector.observe(w)));

        assertThat(detector.state("gap").windows).isEqualTo(100);
        assertThat(events)
                .extracting(SpikeEvent::type)
                .containsExactly(SpikeEvent.Type.FIRED, SpikeEvent.Type.RESOLVED);
        assertThat(events.get(0).windowStart()).isEqualTo(start(60));
        assertThat(events.get(0).observed()).isZero();
        assertThat(events.get(1).windows()).isEqualTo(4);
    }

    @Test
    void aShareOfNoItemsIsSkippedAndAMissingShareIsNotFilled() {
        KeyedSpikeDetector detector = new KeyedSpikeDetector(HOURLY);
        for (int i = 0; i < 50; i++) {
            if (i % 10 == 3) {
                continue; // missing
            }
            assertThat(detector.observe(share("s", i, i % 10 == 5 ? 0 : 20, i % 10 == 5 ? 0 : 100)))
                    .isEmpty();
        }

        assertThat(detector.state("s").windows).isEqualTo(40);
        assertThat(detector.state("s").lastWindowEnd).isEqualTo(start(50));
    }

    @Test
    void aGapLongerThanTheLimitStartsTheBaselineAgain() {
        List<SeriesObservation> series = new ArrayList<>(poissonCounts("g", 100, 13, i -> 30));
        series.subList(40, 60).clear();
        KeyedSpikeDetector detector =
                new KeyedSpikeDetector(HOURLY.toBuilder().maxGapWindows(10).build());

        series.forEach(detector::observe);

        assertThat(detector.state("g").windows).isEqualTo(40);
        assertThat(detector.state("g").firstWindowStart).isEqualTo(start(60));
    }

    @Test
    void anAlertKeepsAtMostThreeExampleTexts() {
        List<SeriesObservation> series = new ArrayList<>(poissonCounts("x", 60, 14, i -> 40));
        series.set(
                50,
                SeriesObservation.count(
                        "x", start(50), start(51), 200, List.of("a", "b", "c", "d", "e")));

        assertThat(run(HOURLY, series).get(0).examples()).containsExactly("a", "b", "c");
    }

    @Test
    void windowsOutOfOrderOrOfTheWrongLengthAreRejected() {
        SpikeDetector detector = new SpikeDetector(HOURLY);
        SeriesState state = new SeriesState();
        detector.observe(state, SeriesObservation.count("k", start(5), start(6), 3, List.of()));

        assertThatThrownBy(
                        () ->
                                detector.observe(
                                        state,
                                        SeriesObservation.count(
                                                "k", start(4), start(5), 3, List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "window of key 'k' starting at 2024-01-01T04:00:00Z is not after the last"
                                + " window, which ended at 2024-01-01T06:00:00Z");
        assertThatThrownBy(
                        () ->
                                detector.observe(
                                        state,
                                        SeriesObservation.count(
                                                "k", start(6), start(8), 3, List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "window of key 'k' lasts 7200000 ms; the detector's windows last 3600000 ms");
    }

    private static SeriesObservation share(String key, int window, int negatives, int total) {
        return SeriesObservation.proportion(
                key, start(window), start(window) + HOUR, negatives, total, List.of());
    }
}
