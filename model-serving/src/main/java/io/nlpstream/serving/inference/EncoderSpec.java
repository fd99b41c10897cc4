package io.nlpstream.serving.inference;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The encoders a head reads, in the order their vectors are concatenated: one encoder ({@code
 * bge-small-en-v1.5-q}) or several joined by {@code +} ({@code bge-small-en-v1.5-q+e5-small-v2-q}).
 */
public record EncoderSpec(List<Encoder> parts) {
    /** Joins the ids of a composite. */
    public static final String SEPARATOR = "+";

    public EncoderSpec {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an encoder spec needs at least one encoder");
        }
        if (parts.stream().distinct().count() != parts.size()) {
            throw new IllegalArgumentException("an encoder appears twice in " + parts);
        }
    }

    /** One encoder alone. */
    public static EncoderSpec of(Encoder encoder) {
        return new EncoderSpec(List.of(encoder));
    }

    /** Parses {@code a} or {@code a+b}; each part is an {@link Encoder} id. */
    public static EncoderSpec parse(String spec) {
        return new EncoderSpec(
                Arrays.stream(spec.split("\\+", -1))
                        .map(String::strip)
                        .map(Encoder::byId)
                        .toList());
    }

    /** The spec as a bundle records it: the parts' ids joined by {@value #SEPARATOR}. */
    public String id() {
        return join(Encoder::id);
    }

    /** The parts' pooling names joined by {@value #SEPARATOR}, e.g. {@code CLS+MEAN}. */
    public String pooling() {
        return join(e -> e.pooling().name());
    }

    /** The parts' precisions joined by {@value #SEPARATOR}, e.g. {@code int8+int8}. */
    public String precision() {
        return join(Encoder::precision);
    }

    /** The longest window every part can take. */
    public int maxTokens() {
        return parts.stream().mapToInt(Encoder::maxTokens).min().orElseThrow();
    }

    public boolean composite() {
        return parts.size() > 1;
    }

    private String join(Function<Encoder, String> field) {
        return parts.stream().map(field).collect(Collectors.joining(SEPARATOR));
    }

    @Override
    public String toString() {
        return id();
    }
}
