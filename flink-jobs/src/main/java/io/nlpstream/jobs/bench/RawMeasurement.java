package io.nlpstream.jobs.bench;

import java.util.Map;

/**
 * A raw model measurement with the tokens it scored and the positions the model computed for them.
 *
 * @param texts texts per second and what ran
 * @param tokens real and padded tokens of the texts scored in the measured time
 */
record RawMeasurement(RawThroughput.Result texts, TokenCounts.Padding tokens) {

    double textsPerSecond() {
        return texts.textsPerSecond();
    }

    double tokensPerSecond() {
        return texts.seconds() <= 0 ? 0 : tokens.real() / texts.seconds();
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = texts.toJson();
        out.put("tokens_per_s", Report.round(tokensPerSecond(), 1));
        out.put("tokens_real", tokens.real());
        out.put("tokens_padded", tokens.padded());
        out.put("padding_waste", Report.roundOrNull(tokens.waste(), 3));
        return out;
    }
}
