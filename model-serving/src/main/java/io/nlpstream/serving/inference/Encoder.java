package io.nlpstream.serving.inference;

import java.util.Arrays;
import java.util.Locale;

/**
 * The sentence encoders shipped in Maven Central jars, with the pooling and text prefix each was
 * trained with.
 */
public enum Encoder {
    MINILM_L6_V2(
            "all-minilm-l6-v2",
            "all-minilm-l6-v2.onnx",
            "all-minilm-l6-v2-tokenizer.json",
            Pooling.MEAN,
            256,
            "fp32",
            ""),
    MINILM_L6_V2_Q(
            "all-minilm-l6-v2-q",
            "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json",
            Pooling.MEAN,
            256,
            "int8",
            ""),
    BGE_SMALL_EN_V15_Q(
            "bge-small-en-v1.5-q",
            "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json",
            Pooling.CLS,
            512,
            "int8",
            ""),
    E5_SMALL_V2_Q(
            "e5-small-v2-q",
            "e5-small-v2-q.onnx",
            "e5-small-v2-q-tokenizer.json",
            Pooling.MEAN,
            512,
            "int8",
            "query: ");

    private final String id;
    private final String modelResource;
    private final String tokenizerResource;
    private final Pooling pooling;
    private final int maxTokens;
    private final String precision;
    private final String textPrefix;

    Encoder(
            String id,
            String modelResource,
            String tokenizerResource,
            Pooling pooling,
            int maxTokens,
            String precision,
            String textPrefix) {
        this.id = id;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.pooling = pooling;
        this.maxTokens = maxTokens;
        this.precision = precision;
        this.textPrefix = textPrefix;
    }

    /** Looks an encoder up by its id, e.g. {@code all-minilm-l6-v2-q}. */
    public static Encoder byId(String id) {
        for (Encoder encoder : values()) {
            if (encoder.id.equals(id.toLowerCase(Locale.ROOT))) {
                return encoder;
            }
        }
        throw new IllegalArgumentException(
                "Unknown encoder "
                        + id
                        + "; known: "
                        + Arrays.stream(values()).map(Encoder::id).toList());
    }

    public String id() {
        return id;
    }

    public String modelResource() {
        return modelResource;
    }

    public String tokenizerResource() {
        return tokenizerResource;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** The longest window (special tokens included) the encoder is used with. */
    public int maxTokens() {
        return maxTokens;
    }

    public String precision() {
        return precision;
    }

    /**
     * What the encoder was trained to see before every text ({@code "query: "} for E5, empty for
     * the others); it is put in front of every window, inside the window's token budget.
     */
    public String textPrefix() {
        return textPrefix;
    }
}
