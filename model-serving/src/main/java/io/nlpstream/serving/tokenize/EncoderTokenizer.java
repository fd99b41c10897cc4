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
 * padding switched off: windows and padding are this module's job.
 */
public final class EncoderTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final long[] prefix;
    private final long[] suffix;

    private EncoderTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        long[] empty = tokenizer.encode("", true, false).getIds();
        if (empty.length != 2) {
            throw new IllegalStateException(
                    "Expected [CLS] [SEP] around an empty text, got " + Arrays.toString(empty));
        }
        this.prefix = new long[] {empty[0]};
        this.suffix = new long[] {empty[1]};
    }

    /** Loads {@code tokenizer.json} from the class path. */
    public static EncoderTokenizer fromResource(String resource) {
        try (InputStream in =
                EncoderTokenizer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Tokenizer resource not on the class path: " + resource);
            }
            Map<String, String> options =
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false");
            return new EncoderTokenizer(HuggingFaceTokenizer.newInstance(in, options));
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

    /** A chunker that wraps windows in this tokenizer's special tokens. */
    public Chunker chunker(int maxTokens, int overlap) {
        return new Chunker(prefix, suffix, maxTokens, overlap);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
