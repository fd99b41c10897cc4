package io.nlpstream.jobs.demo;

import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A real domain shift on the SpamAssassin corpus: a spam filter is trained on most of easy-ham-1
 * and spam-1; the stream first carries the held-out rest of those (in domain), then hard-ham-1 and
 * spam-2, later and harder mail (shifted). Labels are {@code ham} and {@code spam}.
 *
 * @param reference what the base model is trained on
 * @param stream the records in streaming order
 * @param shiftAt index of the first shifted record in {@code stream}
 */
public record DriftScenario(List<LabelledText> reference, List<LabelledText> stream, int shiftAt) {

    /** Reference data spec for replay against forgetting, as the retrainer reads it. */
    public static final String REFERENCE_SPEC = "spamassassin:easy-ham-1,spam-1";

    /**
     * @param maxChars keep the first characters of each e-mail (subject, headers and the start of
     *     the body), as the shipped e-mail model does
     * @param trainShare share of easy-ham-1 and spam-1 the base model is trained on
     */
    public static DriftScenario spamAssassin(
            Datasets datasets, int maxChars, double trainShare, long seed) {
        return spamAssassin(datasets, maxChars, trainShare, seed, 0, 0);
    }

    /**
     * @param inDomainLimit most in-domain records streamed (0 = all held-out ones)
     * @param shiftedLimit most shifted records streamed (0 = all)
     */
    public static DriftScenario spamAssassin(
            Datasets datasets,
            int maxChars,
            double trainShare,
            long seed,
            int inDomainLimit,
            int shiftedLimit) {
        Random random = new Random(seed);
        List<LabelledText> inDomain = new ArrayList<>();
        inDomain.addAll(binary(datasets.spamAssassin("easy-ham-1"), maxChars));
        inDomain.addAll(binary(datasets.spamAssassin("spam-1"), maxChars));
        Collections.shuffle(inDomain, random);
        int cut = (int) Math.round(inDomain.size() * trainShare);
        List<LabelledText> reference = new ArrayList<>(inDomain.subList(0, cut));
        List<LabelledText> stream =
                new ArrayList<>(limit(inDomain.subList(cut, inDomain.size()), inDomainLimit));
        int shiftAt = stream.size();
        List<LabelledText> shifted = new ArrayList<>();
        shifted.addAll(binary(datasets.spamAssassin("hard-ham-1"), maxChars));
        shifted.addAll(binary(datasets.spamAssassin("spam-2"), maxChars));
        Collections.shuffle(shifted, random);
        stream.addAll(limit(shifted, shiftedLimit));
        return new DriftScenario(reference, stream, shiftAt);
    }

    private static List<LabelledText> limit(List<LabelledText> texts, int limit) {
        return limit <= 0 || limit >= texts.size() ? texts : texts.subList(0, limit);
    }

    private static List<LabelledText> binary(List<LabelledText> texts, int maxChars) {
        List<LabelledText> out = new ArrayList<>(texts.size());
        for (LabelledText t : texts) {
            String label = t.label().equals("spam") ? "spam" : "ham";
            String text =
                    maxChars > 0 && t.text().length() > maxChars
                            ? t.text().substring(0, maxChars)
                            : t.text();
            out.add(new LabelledText(t.id(), t.source(), text, label, t.time()));
        }
        return out;
    }
}
