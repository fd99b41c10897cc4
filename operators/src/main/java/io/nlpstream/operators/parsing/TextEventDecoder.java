package io.nlpstream.operators.parsing;

import io.nlpstream.schemas.SingleObjectEncoding;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.tokenize.TextValidator;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * Turns the bytes of one input record into a TextEvent. Accepted: Avro single-object encoded
 * TextEvent of any known schema version, a JSON object {@code {"id", "text", "source", "time",
 * "key", "metadata"}}, or plain UTF-8 text (which may start with a brace). Anything else throws
 * {@link MalformedInputException} with the reason. The rules are listed in operators/README.md.
 */
public final class TextEventDecoder {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final int maxTextBytes;
    private final JsonEventReader json = new JsonEventReader();
    private final AvroEventReader avro = new AvroEventReader();

    public TextEventDecoder(int maxTextBytes) {
        if (maxTextBytes <= 0) {
            throw new IllegalArgumentException(
                    "maxTextBytes must be positive, was " + maxTextBytes);
        }
        this.maxTextBytes = maxTextBytes;
    }

    public TextEvent decode(RawRecord record) throws MalformedInputException {
        byte[] value = record.value;
        if (value == null || value.length == 0) {
            throw new MalformedInputException("empty record value");
        }
        if (value.length > maxTextBytes) {
            throw new MalformedInputException(
                    "record of " + value.length + " bytes exceeds the limit of " + maxTextBytes);
        }
        TextEvent event;
        if (SingleObjectEncoding.isSingleObject(value)) {
            event = avro.read(value);
            event.setId(EventIds.resolve(event.getId(), record));
        } else {
            String text = withoutByteOrderMark(decodeUtf8(value));
            String trimmed = text.strip();
            event = json.isJson(trimmed) ? json.read(trimmed, record) : plainText(text, record);
        }
        checkText(event.getText());
        event.setIngestTime(record.timestamp);
        EventTimeBounds.apply(event, record.timestamp, System.currentTimeMillis());
        return event;
    }

    private static String decodeUtf8(byte[] value) throws MalformedInputException {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        CharBuffer out = CharBuffer.allocate(value.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedInputException("invalid UTF-8 at byte " + in.position());
        }
        try {
            result = decoder.flush(out);
            if (result.isError()) {
                result.throwException();
            }
        } catch (CharacterCodingException e) {
            throw new MalformedInputException("invalid UTF-8 at end of record", e);
        }
        return out.flip().toString();
    }

    private static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    private static TextEvent plainText(String text, RawRecord record) {
        return TextEvent.newBuilder()
                .setId(EventIds.derived(record))
                .setSource(record.topic)
                .setText(text)
                .setEventTime(0)
                .setMetadata(new HashMap<>())
                .build();
    }

    /** Refuses here, with the record's coordinates, what the model would refuse later. */
    private static void checkText(String text) throws MalformedInputException {
        if (text == null || text.isBlank()) {
            throw new MalformedInputException("empty text");
        }
        try {
            TextValidator.check(text);
        } catch (InvalidTextException e) {
            throw new MalformedInputException(e.getMessage(), e);
        }
    }
}
