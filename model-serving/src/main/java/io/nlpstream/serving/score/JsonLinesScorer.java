package io.nlpstream.serving.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nlpstream.serving.Classification;
import io.nlpstream.serving.InferenceException;
import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.TextClassifier;
import io.nlpstream.serving.tokenize.TextValidator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a stream of lines (plain text or JSON lines with a {@code text} field) in batches and
 * writes one JSON object per input line, in order; a line that cannot be scored gets {@code
 * {"error": reason}} in its place.
 */
public final class JsonLinesScorer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    private final TextClassifier classifier;
    private final int batchSize;
    private final boolean jsonLines;

    public JsonLinesScorer(TextClassifier classifier, int batchSize, boolean jsonLines) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batchSize);
        }
        this.classifier = classifier;
        this.batchSize = batchSize;
        this.jsonLines = jsonLines;
    }

    /** Scores every line of {@code in}; returns how many lines were read. */
    public long score(BufferedReader in, PrintWriter out, PrintWriter progress) throws IOException {
        List<String> batch = new ArrayList<>(batchSize);
        long lines = 0;
        long errors = 0;
        long started = System.nanoTime();
        long lastProgress = started;
        String line;
        while ((line = in.readLine()) != null) {
            batch.add(line);
            lines++;
            if (batch.size() == batchSize) {
                errors += flush(batch, out);
                long now = System.nanoTime();
                if (now - lastProgress > PROGRESS_NANOS) {
                    progress.printf(
                            "scored %d lines (%d errors), %.0f lines/s%n",
                            lines, errors, lines / ((now - started) / 1e9));
                    progress.flush();
                    lastProgress = now;
                }
            }
        }
        errors += flush(batch, out);
        out.flush();
        if (System.nanoTime() - started > PROGRESS_NANOS) {
            progress.printf("scored %d lines (%d errors)%n", lines, errors);
            progress.flush();
        }
        return lines;
    }

    private int flush(List<String> batch, PrintWriter out) {
        ObjectNode[] results = new ObjectNode[batch.size()];
        List<Integer> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                String text = text(batch.get(i));
                TextValidator.check(text);
                rows.add(i);
                texts.add(text);
            } catch (InvalidTextException e) {
                results[i] = error(e.reason() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                results[i] = error(e.getMessage());
            }
        }
        List<ObjectNode> scored = classifyIsolating(texts);
        for (int k = 0; k < rows.size(); k++) {
            results[rows.get(k)] = scored.get(k);
        }
        int errors = 0;
        for (int i = 0; i < results.length; i++) {
            String id = jsonLines ? id(batch.get(i)) : null;
            if (id != null) {
                ObjectNode withId = JSON.createObjectNode().put("id", id);
                withId.setAll(results[i]);
                results[i] = withId;
            }
            errors += results[i].has("error") ? 1 : 0;
            out.println(results[i].toString());
        }
        batch.clear();
        return errors;
    }

    /** Classifies a batch; when it fails, halves it until the failing texts are alone. */
    private List<ObjectNode> classifyIsolating(List<String> texts) {
        List<ObjectNode> out = new ArrayList<>(texts.size());
        if (texts.isEmpty()) {
            return out;
        }
        try {
            for (Classification c : classifier.classify(texts)) {
                out.add(result(c, classifier.descriptor().labels()));
            }
            return out;
        } catch (InvalidTextException | InferenceException e) {
            if (texts.size() == 1) {
                String reason =
                        e instanceof InvalidTextException invalid
                                ? invalid.reason() + ": "
                                : "INFERENCE: ";
                out.add(error(reason + e.getMessage()));
                return out;
            }
        }
        int half = texts.size() / 2;
        out.addAll(classifyIsolating(texts.subList(0, half)));
        out.addAll(classifyIsolating(texts.subList(half, texts.size())));
        return out;
    }

    private String text(String line) {
        if (!jsonLines) {
            return line;
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("INVALID_JSON: " + e.getOriginalMessage());
        }
        if (node == null
                || !node.isObject()
                || !node.hasNonNull("text")
                || !node.get("text").isTextual()) {
            throw new IllegalArgumentException(
                    "MISSING_TEXT: JSON line has no string field 'text'");
        }
        return node.get("text").asText();
    }

    private static String id(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() && node.hasNonNull("id")
                    ? node.get("id").asText()
                    : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static ObjectNode result(Classification c, List<String> labels) {
        ObjectNode node = JSON.createObjectNode();
        node.put("label", c.label());
        node.put("confidence", round(c.confidence()));
        ObjectNode scores = node.putObject("scores");
        for (String label : labels) {
            scores.put(label, round(c.scores().getOrDefault(label, 0.0)));
        }
        node.put("chunks", c.chunks());
        return node;
    }

    private static ObjectNode error(String reason) {
        return JSON.createObjectNode().put("error", reason);
    }

    private static double round(double p) {
        return Math.round(p * 1e6) / 1e6;
    }
}
