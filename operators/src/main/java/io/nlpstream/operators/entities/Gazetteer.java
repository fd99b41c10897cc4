package io.nlpstream.operators.entities;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

/**
 * Company names and aliases, each mapped to its ticker, found in a text in one pass (Aho-Corasick,
 * whole words, any case; of overlapping names the longest wins, so "Acme Air" is not also "Acme").
 */
public final class Gazetteer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> tickerByName;
    private transient PayloadTrie<String> trie;

    /**
     * @param tickerByName each name or alias and its ticker
     */
    public Gazetteer(Map<String, String> tickerByName) {
        tickerByName.forEach(
                (name, ticker) -> {
                    if (name == null || name.isBlank() || ticker == null || ticker.isBlank()) {
                        throw new IllegalArgumentException(
                                "gazetteer entry '"
                                        + name
                                        + "' -> '"
                                        + ticker
                                        + "' must name both");
                    }
                });
        this.tickerByName = Map.copyOf(tickerByName);
    }

    /** The tickers of the names found, in order of first appearance. */
    public Set<String> tickers(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (PayloadEmit<String> emit : trie().parseText(text)) {
            found.add(emit.getPayload());
        }
        return found;
    }

    private PayloadTrie<String> trie() {
        if (trie == null) {
            PayloadTrie.PayloadTrieBuilder<String> builder =
                    PayloadTrie.<String>builder().ignoreCase().onlyWholeWords().ignoreOverlaps();
            tickerByName.forEach(
                    (name, ticker) ->
                            builder.addKeyword(
                                    name.strip(), ticker.strip().toUpperCase(Locale.ROOT)));
            trie = builder.build();
        }
        return trie;
    }
}
