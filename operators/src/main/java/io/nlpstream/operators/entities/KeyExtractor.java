package io.nlpstream.operators.entities;

import io.nlpstream.schemas.TextEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a text is about: its explicit {@code key} (the JSON field, kept in the metadata), or else
 * the hashtags and cashtags found in it. A text may be about several keys, each named once.
 */
public final class KeyExtractor implements TextKeys {
    private static final long serialVersionUID = 1L;

    /** The metadata entry of an explicit key. */
    public static final String KEY = "key";

    /** {@code #word}, not inside a word or a URL (so no {@code /#top} and no {@code C#}). */
    private static final Pattern HASHTAG =
            Pattern.compile("(?<![\\w#/&?=.])#(\\p{L}[\\p{L}\\p{N}_]{1,49})");

    /** {@code $ABC}: one to five letters, not a price ({@code $5}) and not inside a word. */
    private static final Pattern CASHTAG =
            Pattern.compile("(?<![\\w$])\\$([A-Za-z]{1,5})(?![\\w])");

    private final int maxKeys;

    /**
     * @param maxKeys the most keys one text counts for; the first found win
     */
    public KeyExtractor(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
        }
        this.maxKeys = maxKeys;
    }

    @Override
    public List<String> keys(TextEvent event) {
        String explicit = event.getMetadata() == null ? null : event.getMetadata().get(KEY);
        if (explicit != null && !explicit.toString().isBlank()) {
            return List.of(explicit.strip());
        }
        Set<String> keys = new LinkedHashSet<>();
        String text = event.getText();
        Matcher cashtags = CASHTAG.matcher(text);
        while (cashtags.find() && keys.size() < maxKeys) {
            keys.add("$" + cashtags.group(1).toUpperCase(Locale.ROOT));
        }
        Matcher hashtags = HASHTAG.matcher(text);
        while (hashtags.find() && keys.size() < maxKeys) {
            keys.add("#" + hashtags.group(1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(keys);
    }
}
