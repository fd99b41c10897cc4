package io.nlpstream.serving.bundle;

import java.util.List;

/** The JSON shape of {@code head.json}: standardisation and linear weights. */
record HeadFile(
        List<String> labels, double[] mean, double[] scale, double[][] weights, double[] bias) {}
