package io.nlpstream.serving;

import java.util.List;

/** What identifies a model in every output record: its id, version and label names. */
public record ModelDescriptor(String id, String version, List<String> labels) {
    public ModelDescriptor {
        labels = List.copyOf(labels);
    }
}
