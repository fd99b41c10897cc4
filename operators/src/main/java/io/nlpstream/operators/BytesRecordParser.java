package io.nlpstream.operators;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads one kind of record from raw Kafka bytes; bytes it cannot read leave as a dead letter of its
 * stage, with the reason.
 */
public abstract class BytesRecordParser<T> extends ProcessFunction<byte[], T> {
    private static final long serialVersionUID = 1L;

    private final String stage;
    private final String what;

    /**
     * @param stage the dead letters' stage
     * @param what what the record is, for the reason ("model update", "feedback")
     */
    protected BytesRecordParser(String stage, String what) {
        this.stage = stage;
        this.what = what;
    }

    /** Decodes the bytes or throws with the reason. */
    protected abstract T decodeRecord(byte[] bytes) throws Exception;

    @Override
    public void processElement(byte[] bytes, Context ctx, Collector<T> out) {
        T record;
        try {
            record = decodeRecord(bytes);
        } catch (Exception e) {
            ctx.output(
                    OutputTags.DEAD_LETTERS,
                    DeadLetters.fromBytes(
                            bytes,
                            stage,
                            "unreadable "
                                    + what
                                    + ": "
                                    + (e.getMessage() == null
                                            ? e.getClass().getSimpleName()
                                            : e.getMessage()),
                            e.getClass().getName()));
            return;
        }
        out.collect(record);
    }
}
