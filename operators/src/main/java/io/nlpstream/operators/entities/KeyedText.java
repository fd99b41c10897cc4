package io.nlpstream.operators.entities;

/**
 * One text counted for one key: its event time, whether the model judged it negative, its sentiment
 * score, the text.
 */
public class KeyedText {
    public String key;
    public long eventTime;
    public boolean negative;

    /** 1 - 2 P(negative): 1 certainly positive, -1 certainly negative. */
    public double sentiment;

    public String text;

    public KeyedText() {}

    public KeyedText(String key, long eventTime, boolean negative, double sentiment, String text) {
        this.key = key;
        this.eventTime = eventTime;
        this.negative = negative;
        this.sentiment = sentiment;
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
