package io.nlpstream.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The starter rule set shipped with the job, one JSON record value per rule. */
final class StarterRules {
    private static final String RESOURCE = "/rules/starter-rules.jsonl";

    private StarterRules() {}

    static List<byte[]> load() {
        try (InputStream in = StarterRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            List<byte[]> rules = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rules.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
