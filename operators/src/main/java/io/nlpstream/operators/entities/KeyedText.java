package io.nlpstream.operators.entities;

/** One text counted for one key: its event time, whether the model judged it negative, the text. */
public class KeyedText {
    public String key;
    public long eventTime;
    public boolean negative;
    public String text;

    public KeyedText() {}

    public KeyedText(String key, long eventTime, boolean negative, String text) {
        this.key = key;
        this.eventTime = eventTime;
        this.negative = negative;
        this.text = text;
    }

    public String getKey() {
        return key;
    }

    @Override
    public String toString() {
        return key + "@" + eventTime + (negative ? " negative" : "");
    }
}
