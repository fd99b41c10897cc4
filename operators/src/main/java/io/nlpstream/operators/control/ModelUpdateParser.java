package io.nlpstream.operators.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.operators.BytesRecordParser;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.SingleObjectEncoding;
import java.nio.ByteBuffer;

/**
 * Reads the control topic: Avro ModelUpdate (single-object encoding) or a JSON object with the same
 * field names; anything else goes to the dead letters with stage CONTROL.
 */
public class ModelUpdateParser extends BytesRecordParser<ModelUpdate> {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = "CONTROL";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelUpdateParser() {
        super(STAGE, "model update");
    }

    @Override
    protected ModelUpdate decodeRecord(byte[] bytes) throws Exception {
        return decode(bytes);
    }

    /** Decodes one control record. */
    public static ModelUpdate decode(byte[] bytes) throws Exception {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty record");
        }
        if (SingleObjectEncoding.isSingleObject(bytes)) {
            return ModelUpdate.fromByteBuffer(ByteBuffer.wrap(bytes));
        }
        JsonNode node = JSON.readTree(bytes);
        if (node == null || !node.isObject() || !node.hasNonNull("command")) {
            throw new IllegalArgumentException("expected a JSON object with a 'command'");
        }
        return ModelUpdate.newBuilder()
                .setCommand(node.get("command").asText())
                .setModelId(node.path("model_id").asText(""))
                .setVersion(node.path("version").asText(""))
                .setBundleUri(
                        node.hasNonNull("bundle_uri") ? node.get("bundle_uri").asText() : null)
                .setReason(node.path("reason").asText("manual"))
                .setIssuedBy(node.path("issued_by").asText("operator"))
                .setTime(node.path("time").asLong(System.currentTimeMillis()))
                .build();
    }
}
