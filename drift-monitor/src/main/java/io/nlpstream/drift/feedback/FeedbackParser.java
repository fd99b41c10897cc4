package io.nlpstream.drift.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.operators.BytesRecordParser;
import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.SingleObjectEncoding;
import java.nio.ByteBuffer;

/**
 * Reads the feedback topic: Avro Feedback (single-object encoding) or JSON {@code {"id", "label",
 * "time"}}; anything else goes to the dead letters with stage FEEDBACK.
 */
public class FeedbackParser extends BytesRecordParser<Feedback> {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = "FEEDBACK";
    private static final ObjectMapper JSON = new ObjectMapper();

    public FeedbackParser() {
        super(STAGE, "feedback");
    }

    @Override
    protected Feedback decodeRecord(byte[] bytes) throws Exception {
        return decode(bytes);
    }

    /** Decodes one feedback record. */
    public static Feedback decode(byte[] bytes) throws Exception {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty record");
        }
        if (SingleObjectEncoding.isSingleObject(bytes)) {
            return Feedback.fromByteBuffer(ByteBuffer.wrap(bytes));
        }
        JsonNode node = JSON.readTree(bytes);
        if (node == null
                || !node.isObject()
                || !node.hasNonNull("id")
                || !node.hasNonNull("label")) {
            throw new IllegalArgumentException("expected a JSON object with 'id' and 'label'");
        }
        return Feedback.newBuilder()
                .setId(node.get("id").asText())
                .setLabel(node.get("label").asText())
                .setTime(node.path("time").asLong(System.currentTimeMillis()))
                .setSource(node.hasNonNull("source") ? node.get("source").asText() : null)
                .build();
    }
}
