package io.nlpstream.operators;

import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.ScoredEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side outputs every operator of the pipeline uses, so each record leaves by exactly one. */
public final class OutputTags {
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<ReviewTask> REVIEW =
            new OutputTag<>("review", TypeInformation.of(ReviewTask.class));
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("alerts", TypeInformation.of(Alert.class));

    /** Scores of a candidate model running in shadow; they never affect a decision. */
    public static final OutputTag<ScoredEvent> SHADOW_SCORES =
            new OutputTag<>("shadow-scores", TypeInformation.of(ScoredEvent.class));

    /** Acknowledgements of model updates (loaded, promoted, rejected), for the control topic. */
    public static final OutputTag<ModelUpdate> MODEL_EVENTS =
            new OutputTag<>("model-events", TypeInformation.of(ModelUpdate.class));

    private OutputTags() {}
}
