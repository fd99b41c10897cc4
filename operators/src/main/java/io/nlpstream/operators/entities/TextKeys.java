package io.nlpstream.operators.entities;

import io.nlpstream.schemas.TextEvent;
import java.io.Serializable;
import java.util.List;

/** What a text is about, each key named once; empty when nothing recognisable. */
public interface TextKeys extends Serializable {
    List<String> keys(TextEvent event);
}
