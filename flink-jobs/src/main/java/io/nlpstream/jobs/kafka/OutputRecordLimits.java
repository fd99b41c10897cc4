package io.nlpstream.jobs.kafka;

/**
 * The largest record a sink may have to write, from the input limit: the sinks' producers allow it
 * ({@code max.request.size}), so no input can make a sink fail and the job loop on it.
 */
public final class OutputRecordLimits {
    /** Kafka's default max.request.size; the limit is never set lower. */
    static final int KAFKA_DEFAULT_REQUEST_BYTES = 1_048_576;

    /** Room for everything but the text: ids, scores, timings, the batch and record headers. */
    static final int ENVELOPE_BYTES = 64 * 1024;

    private OutputRecordLimits() {}

    /**
     * A review task carries the whole text, at most {@code maxRecordBytes} of UTF-8. Avro writes it
     * as it is; JSON escapes at most every byte of a scorable text to two ({@code \n}, {@code "},
     * or three UTF-8 bytes of U+2000..U+20FF to six). Dead letters are smaller: their original is
     * cut to 4 KiB.
     */
    public static int maxRequestBytes(OutputFormat format, int maxRecordBytes) {
        long text = format == OutputFormat.JSON ? 2L * maxRecordBytes : maxRecordBytes;
        long limit = Math.max(KAFKA_DEFAULT_REQUEST_BYTES, text + ENVELOPE_BYTES);
        return (int) Math.min(Integer.MAX_VALUE, limit);
    }
}
