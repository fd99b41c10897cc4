package io.nlpstream.serving.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A DJL Hugging Face tokenizer read from a classpath resource, with the file's own truncation and
 * padding switched off: windows and padding are this module's job. An encoder's text prefix (E5's
 * {@code "query: "}) is tokenized once and opens every window after {@code [CLS]}.
 */
public final class EncoderTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final long[] prefix;
    private final long[] suffix;

    private EncoderTokenizer(HuggingFaceTokenizer tokenizer, String textPrefix) {
        this.tokenizer = tokenizer;
        long[] empty = tokenizer.encode("", true, false).getIds();
        if (empty.length != 2) {
            throw new IllegalStateException(
                    "Expected [CLS] [SEP] around an empty text, got " + Arrays.toString(empty));
        }
        long[] textPrefixIds =
                textPrefix.isEmpty()
                        ? new long[0]
                        : tokenizer.encode(textPrefix, false, false).getIds();
        this.prefix = new long[1 + textPrefixIds.length];
        this.prefix[0] = empty[0];
        System.arraycopy(textPrefixIds, 0, prefix, 1, textPrefixIds.length);
        this.suffix = new long[] {empty[1]};
    }

    /** Loads {@code tokenizer.json} from the class path, without a text prefix. */
    public static EncoderTokenizer fromResource(String resource) {
        return fromResource(resource, "");
    }

    /**
     * Loads {@code tokenizer.json} from the class path; every window starts with {@code
     * textPrefix}.
     */
    public static EncoderTokenizer fromResource(String resource, String textPrefix) {
        try (InputStream in =
                EncoderTokenizer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Tokenizer resource not on the class path: " + resource);
            }
            Map<String, String> options =
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false");
            return new EncoderTokenizer(HuggingFaceTokenizer.newInstance(in, options), textPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read tokenizer " + resource, e);
        }
    }

    /** Content ids (no special tokens) of every text, via one {@code batchEncode} call. */
    public long[][] contentIds(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts, false, false);
        long[][] ids = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            ids[i] = encodings[i].getIds();
        }
        return ids;
    }

    /**
     * A chunker that wraps windows in this tokenizer's special tokens and text prefix, both counted
     * in {@code maxTokens}.
     */
    public Chunker chunker(int maxTokens, int overlap) {
        return new Chunker(prefix, suffix, maxTokens, overlap);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
