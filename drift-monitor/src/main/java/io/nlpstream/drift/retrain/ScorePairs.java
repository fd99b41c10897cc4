package io.nlpstream.drift.retrain;

import io.nlpstream.drift.feedback.LabelledScore;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;

/**
 * Pairs the live model's and the shadow candidate's scores of the same record, in keyed state:
 * records wait for their partner at most {@code maxUnpaired} at a time (the oldest is dropped and
 * counted beyond that), pairs are kept in arrival order.
 */
final class ScorePairs {
    private static final String LIVE = "L";
    private static final String SHADOW = "S";

    private final int maxUnpaired;
    private final Counter dropped;
    private final MapState<String, LabelledScore> unpairedLive;
    private final MapState<String, LabelledScore> unpairedShadow;
    private final MapState<Long, String> arrivalOrder;
    private final ValueState<long[]> arrivalRange;
    private final ListState<LabelledScore> pairedLive;
    private final ListState<LabelledScore> pairedShadow;
    private final ValueState<Integer> pairs;

    /**
     * @param prefix put before every state name, so that one operator can keep several
     */
    ScorePairs(RuntimeContext context, String prefix, int maxUnpaired, Counter dropped) {
        this.maxUnpaired = maxUnpaired;
        this.dropped = dropped;
        TypeInformation<LabelledScore> scoreType = TypeInformation.of(LabelledScore.class);
        unpairedLive =
                context.getMapState(
                        new MapStateDescriptor<>(
                                prefix + "unpaired-live", Types.STRING, scoreType));
        unpairedShadow =
                context.getMapState(
                        new MapStateDescriptor<>(
                                prefix + "unpaired-shadow", Types.STRING, scoreType));
        arrivalOrder =
                context.getMapState(
                        new MapStateDescriptor<>(
                                prefix + "unpaired-order", Types.LONG, Types.STRING));
        arrivalRange =
                context.getState(
                        new ValueStateDescriptor<>(
                                prefix + "unpaired-range", TypeInformation.of(long[].class)));
        pairedLive =
                context.getListState(new ListStateDescriptor<>(prefix + "paired-live", scoreType));
        pairedShadow =
                context.getListState(
                        new ListStateDescriptor<>(prefix + "paired-shadow", scoreType));
        pairs = context.getState(new ValueStateDescriptor<>(prefix + "pairs", Types.INT));
    }

    /**
     * Adds one model's score of a record.
     *
     * @return the number of pairs when it completed one, else 0
     */
    int add(LabelledScore score, boolean shadow) throws Exception {
        MapState<String, LabelledScore> mine = shadow ? unpairedShadow : unpairedLive;
        MapState<String, LabelledScore> other = shadow ? unpairedLive : unpairedShadow;
        LabelledScore partner = other.get(score.id);
        if (partner == null) {
            if (!mine.contains(score.id)) {
                remember((shadow ? SHADOW : LIVE) + score.id);
            }
            mine.put(score.id, score);
            return 0;
        }
        other.remove(score.id);
        pairedLive.add(shadow ? partner : score);
        pairedShadow.add(shadow ? score : partner);
        int n = count() + 1;
        pairs.update(n);
        return n;
    }

    /** Keeps the arrival order of unpaired records and drops the oldest beyond the bound. */
    private void remember(String sideAndId) throws Exception {
        long[] range = arrivalRange.value();
        if (range == null) {
            range = new long[2]; // [oldest, next]
        }
        arrivalOrder.put(range[1]++, sideAndId);
        while (range[1] - range[0] > maxUnpaired) {
            String oldest = arrivalOrder.get(range[0]);
            arrivalOrder.remove(range[0]++);
            MapState<String, LabelledScore> side =
                    oldest.startsWith(SHADOW) ? unpairedShadow : unpairedLive;
            String id = oldest.substring(1);
            if (side.contains(id)) {
                side.remove(id);
                dropped.inc();
            }
        }
        arrivalRange.update(range);
    }

    /** Pairs so far. */
    int count() throws Exception {
        return pairs.value() == null ? 0 : pairs.value();
    }

    /** The live model's scores of the paired records, in pairing order. */
    List<LabelledScore> live() throws Exception {
        return list(pairedLive);
    }

    /** The candidate's scores of the same records, in the same order. */
    List<LabelledScore> shadow() throws Exception {
        return list(pairedShadow);
    }

    private static List<LabelledScore> list(ListState<LabelledScore> state) throws Exception {
        List<LabelledScore> out = new ArrayList<>();
        state.get().forEach(out::add);
        return out;
    }

    void clear() {
        unpairedLive.clear();
        unpairedShadow.clear();
        arrivalOrder.clear();
        arrivalRange.clear();
        pairedLive.clear();
        pairedShadow.clear();
        pairs.clear();
    }
}
