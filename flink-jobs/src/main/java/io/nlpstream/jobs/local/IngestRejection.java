package io.nlpstream.jobs.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record the broker would not take, so it never entered the stream.
 *
 * @param line its 1-based position in the replayed input (the line number of an input file)
 * @param bytes its size
 * @param limitBytes the largest record the producer and the topic accept
 * @param error the client's error class and message
 */
public record IngestRejection(long line, int bytes, int limitBytes, String error) {

    /** One line for the console. */
    public String describe() {
        return "Rejected at ingest: line "
                + line
                + " is "
                + bytes
                + " bytes, more than the "
                + limitBytes
                + " bytes the broker accepts; it never entered the stream ("
                + error
                + ")";
    }

    /** The fields for summary.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", line);
        m.put("bytes", bytes);
        m.put("limit_bytes", limitBytes);
        m.put("error", error);
        return m;
    }
}
