package io.nlpstream.operators.entities;

import io.nlpstream.schemas.TextEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The companies a text names, as tickers: its {@code $TICKER} cashtags and the names and aliases of
 * the gazetteer. A text that names several is counted for each.
 */
public final class EntityExtractor implements TextKeys {
    private static final long serialVersionUID = 1L;
    private static final Pattern CASHTAG = Pattern.compile("(?<![\\w$])\\$([A-Za-z]{1,5})(?!\\w)");

    private final Gazetteer gazetteer;
    private final int maxEntities;

    public EntityExtractor(Gazetteer gazetteer, int maxEntities) {
        if (maxEntities < 1) {
            throw new IllegalArgumentException(
                    "maxEntities must be at least 1, was " + maxEntities);
        }
        this.gazetteer = gazetteer;
        this.maxEntities = maxEntities;
    }

    @Override
    public List<String> keys(TextEvent event) {
        Set<String> tickers = new LinkedHashSet<>();
        Matcher cashtags = CASHTAG.matcher(event.getText());
        while (cashtags.find()) {
            tickers.add(cashtags.group(1).toUpperCase(Locale.ROOT));
        }
        tickers.addAll(gazetteer.tickers(event.getText()));
        return tickers.stream().limit(maxEntities).toList();
    }
}
