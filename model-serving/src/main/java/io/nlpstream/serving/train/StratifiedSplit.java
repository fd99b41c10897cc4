package io.nlpstream.serving.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A seeded, per-label split of row indices into train, calibration and test parts. */
public record StratifiedSplit(int[] train, int[] calibration, int[] test) {

    /** Splits rows by label so every part keeps the label mix. */
    public static StratifiedSplit of(
            int[] truth, double calibrationFraction, double testFraction, long seed) {
        int classes = 0;
        for (int t : truth) {
            classes = Math.max(classes, t + 1);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> calibration = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < truth.length; i++) {
                if (truth[i] == c) {
                    rows.add(i);
                }
            }
            Collections.shuffle(rows, random);
            int nTest = (int) Math.round(rows.size() * testFraction);
            int nCalibration = (int) Math.round(rows.size() * calibrationFraction);
            test.addAll(rows.subList(0, nTest));
            calibration.addAll(rows.subList(nTest, nTest + nCalibration));
            train.addAll(rows.subList(nTest + nCalibration, rows.size()));
        }
        return new StratifiedSplit(sorted(train), sorted(calibration), sorted(test));
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
