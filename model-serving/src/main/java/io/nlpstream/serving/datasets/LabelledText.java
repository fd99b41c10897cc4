package io.nlpstream.serving.datasets;

/**
 * One real labelled text of a dataset.
 *
 * @param id stable id within the dataset, e.g. {@code amazon-0017}
 * @param source the dataset part it comes from, e.g. {@code yelp} or {@code spam-2}
 * @param text the text itself
 * @param label the label name
 * @param time event time in epoch milliseconds (0 where the dataset has none)
 */
public record LabelledText(String id, String source, String text, String label, long time) {}
