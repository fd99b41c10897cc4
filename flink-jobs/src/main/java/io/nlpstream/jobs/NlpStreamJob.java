package io.nlpstream.jobs;

import io.nlpstream.drift.DriftStreams;
import io.nlpstream.drift.DriftTopology;
import io.nlpstream.drift.feedback.AsUnlabelledScore;
import io.nlpstream.drift.feedback.FeedbackParser;
import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.retrain.RetrainFunction;
import io.nlpstream.drift.retrain.ShadowEvaluator;
import io.nlpstream.jobs.kafka.KafkaConnectors;
import io.nlpstream.jobs.profiles.ProfileBranches;
import io.nlpstream.jobs.profiles.ProfileStreams;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.batching.MicroBatchInferenceOperator;
import io.nlpstream.operators.control.ModelUpdateParser;
import io.nlpstream.operators.metrics.HandOffMetrics;
import io.nlpstream.operators.parsing.ParseFunction;
import io.nlpstream.operators.routing.ConfidenceRouter;
import io.nlpstream.operators.rules.LatestRules;
import io.nlpstream.operators.rules.RuleBudget;
import io.nlpstream.operators.rules.RuleEngineFunction;
import io.nlpstream.operators.rules.RuleParser;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.Rule;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The main job: Kafka texts in, decisions out, every record accounted for, and the model kept
 * honest by delayed labels.
 *
 * <pre>
 * texts -> parse -> micro-batch inference -> confidence router -> rule engine -> predictions
 *            |        ^        |      |                                  |-> review, alerts
 *            |        |        |      +-> live drift monitor <- feedback |
 *            |  model-control  |             | retrain request           |
 *            |        ^        +-> shadow scores -> shadow monitor       |
 *            |        |                      |                           |
 *            |        +-- retrainer, shadow evaluator (SHADOW_START, PROMOTE, REJECT)
 *            |             (drift.adapt.enabled: also the unlabelled live and shadow scores,
 *            |              for the label-free adaptation request, sample and guard)
 *            +---------------------------------------------> dead letters
 *
 * profile (job.profile), from the routed scores, next to the outcomes above:
 *   opinion-spikes: event time -> keys -> windows per key -> spike detector -> spike alerts
 *   ticket-routing: routing table in the rule engine; ticket events -> parse -> event time
 *                   -> SLA per ticket -> escalations (alerts), unreadable events -> dead letters
 *   financial-sentiment: event time -> entities (cashtags, gazetteer) -> windows per entity
 *                   -> entity-sentiment series, and sentiment-fall detector -> spike alerts
 * </pre>
 */
public final class NlpStreamJob {
    private NlpStreamJob() {}

    public static void main(String[] args) throws Exception {
        Configuration options = JobConfiguration.fromArgs(args);
        runJob(options);
    }

    public static void runJob(Configuration options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        buildJob(env, options);
        env.execute("nlp-stream");
    }

    /** Adds the Kafka sources and sinks named in the options and the workflow between them. */
    public static void buildJob(StreamExecutionEnvironment env, Configuration options) {
        JobConfiguration.configureEnvironment(env, options);
        defineWorkflow(
                Sources.fromKafka(env, options),
                KafkaConnectors.sinks(options),
                PipelineSettings.fromOptions(options));
    }

    /**
     * What the rule engine decides the first texts with: the profile's starter rules, then the
     * rules already on the rules topic (a later version of the same rule wins).
     */
    private static List<byte[]> startingRules(PipelineSettings settings, Sources sources) {
        return new LatestRules(RuleBudget.DEFAULT)
                .addAll(settings.profile().startingRules())
                .addAll(sources.rulesAtStart())
                .records();
    }

    /** The data flow itself; tests call it with their own sources and sinks. */
    public static void defineWorkflow(Sources sources, Sinks sinks, PipelineSettings settings) {
        // Decisions: parse, score in micro-batches, route by confidence, apply the rules.
        SingleOutputStreamOperator<TextEvent> events =
                sources.texts()
                        .process(new ParseFunction(settings.maxRecordBytes()))
                        .name("parse")
                        .uid("parse")
                        .setBufferTimeout(settings.decisionBufferTimeoutMs());

        SingleOutputStreamOperator<ModelUpdate> control =
                sources.modelControl()
                        .process(new ModelUpdateParser())
                        .name("model control parser")
                        .uid("control-parser")
                        .setParallelism(1);

        SingleOutputStreamOperator<ScoredEvent> scored =
                ProfileBranches.inEventTime(settings.profile(), events)
                        .connect(control.broadcast())
                        .transform(
                                "micro-batch inference",
                                TypeInformation.of(ScoredEvent.class),
                                new MicroBatchInferenceOperator(
                                        settings.batching(), settings.classifiers()))
                        .uid("inference")
                        .setBufferTimeout(settings.decisionBufferTimeoutMs());

        DataStream<ScoredEvent> routed =
                scored.process(new ConfidenceRouter(settings.thresholds()))
                        .name("confidence router")
                        .uid("router")
                        .setBufferTimeout(settings.decisionBufferTimeoutMs());

        SingleOutputStreamOperator<Rule> rules =
                sources.ruleUpdates()
                        .process(new RuleParser())
                        .name("rule parser")
                        .uid("rule-parser")
                        .setParallelism(1)
                        // Rules are part of every decision: at a start they must not trail the
                        // first texts by a side stream's flush interval.
                        .setBufferTimeout(settings.decisionBufferTimeoutMs());

        SingleOutputStreamOperator<Prediction> decisions =
                routed.connect(rules.broadcast(RuleEngineFunction.RULES))
                        .process(
                                new RuleEngineFunction(
                                        settings.profile().routingTable(),
                                        startingRules(settings, sources)))
                        .name("rule engine")
                        .uid("rule-engine");

        // Before each sink: end-to-end latency, and dead letters by reason (HandOffMetrics).
        HandOffMetrics.predictions(decisions)
                .sinkTo(sinks.predictions())
                .name("sink: predictions")
                .uid("sink-predictions");
        HandOffMetrics.review(decisions.getSideOutput(OutputTags.REVIEW))
                .sinkTo(sinks.review())
                .name("sink: review")
                .uid("sink-review");

        // Profile: what the chosen profile derives (spike alerts, sentiment series, escalations).
        ProfileStreams profile = ProfileBranches.attach(settings.profile(), routed, sources);
        if (profile.spikeAlerts() != null) {
            profile.spikeAlerts()
                    .sinkTo(Sinks.required(sinks.spikeAlerts(), "spike alerts"))
                    .name("sink: spike alerts")
                    .uid("sink-spike-alerts");
        }
        if (profile.entitySentiment() != null) {
            profile.entitySentiment()
                    .sinkTo(Sinks.required(sinks.entitySentiment(), "entity sentiment"))
                    .name("sink: entity sentiment")
                    .uid("sink-entity-sentiment");
        }
        DataStream<Alert> alerts = decisions.getSideOutput(OutputTags.ALERTS);
        if (profile.escalations() != null) {
            alerts = alerts.union(profile.escalations());
        }
        alerts.sinkTo(sinks.alerts()).name("sink: alerts").uid("sink-alerts");

        // Quality: join delayed labels, watch the live model and any shadow candidate.
        SingleOutputStreamOperator<Feedback> feedback =
                sources.feedback()
                        .process(new FeedbackParser())
                        .name("feedback parser")
                        .uid("feedback-parser");
        DriftSettings drift = settings.drift();
        DriftStreams live =
                DriftTopology.attach(
                        "live",
                        routed,
                        feedback,
                        drift.feedbackTtl(),
                        drift.feedbackTimeDomain(),
                        drift.live());
        DataStream<ScoredEvent> shadowScores =
                scored.getSideOutput(OutputTags.SHADOW_SCORES)
                        .process(new ConfidenceRouter(settings.thresholds()))
                        .name("shadow router")
                        .uid("shadow-router");
        DriftStreams shadow =
                DriftTopology.attach(
                        "shadow",
                        shadowScores,
                        feedback,
                        drift.feedbackTtl(),
                        drift.feedbackTimeDomain(),
                        drift.shadow());
        live.metrics()
                .union(shadow.metrics())
                .sinkTo(sinks.driftMetrics())
                .name("sink: drift metrics")
                .uid("sink-drift");

        // The loop: a retrain request trains a candidate, which runs in shadow until it is judged.
        DataStream<LabelledScore> retrainInput = live.labelled();
        DataStream<LabelledScore> shadowInput = live.labelled().union(shadow.labelled());
        if (drift.adapt().enabled()) {
            // Label-free adaptation learns from the recent texts and is judged on the records no
            // label came for.
            retrainInput =
                    retrainInput.union(
                            unlabelled(routed, drift.live().keepTextChars(), "live texts"));
            shadowInput =
                    shadowInput.union(
                            unlabelled(routed, 0, "live scores"),
                            unlabelled(shadowScores, 0, "shadow scores"));
        }
        DataStream<ModelUpdate> candidates =
                retrainInput
                        .connect(control)
                        .keyBy(LabelledScore::modelIdKey, ModelUpdate::getModelId)
                        .process(
                                new RetrainFunction(drift.retrain(), drift.adapt()),
                                TypeInformation.of(ModelUpdate.class))
                        .name("retrainer")
                        .uid("retrainer");
        DataStream<ModelUpdate> verdicts =
                shadowInput
                        .connect(control)
                        .keyBy(LabelledScore::modelIdKey, ModelUpdate::getModelId)
                        .process(
                                new ShadowEvaluator(drift.promotion(), drift.labelFreeGuard()),
                                TypeInformation.of(ModelUpdate.class))
                        .name("shadow evaluator")
                        .uid("shadow-evaluator");
        scored.getSideOutput(OutputTags.MODEL_EVENTS)
                .union(live.retrainRequests(), candidates, verdicts)
                .sinkTo(sinks.modelControl())
                .name("sink: model control")
                .uid("sink-model-control");

        DataStream<DeadLetter> deadLetters =
                events.getSideOutput(OutputTags.DEAD_LETTERS)
                        .union(
                                scored.getSideOutput(OutputTags.DEAD_LETTERS),
                                rules.getSideOutput(OutputTags.DEAD_LETTERS),
                                decisions.getSideOutput(OutputTags.DEAD_LETTERS),
                                control.getSideOutput(OutputTags.DEAD_LETTERS),
                                feedback.getSideOutput(OutputTags.DEAD_LETTERS),
                                // The shadow join sees the same labels: the live one reports them.
                                live.rejectedFeedback());
        if (profile.deadLetters() != null) {
            deadLetters = deadLetters.union(profile.deadLetters());
        }
        HandOffMetrics.deadLetters(deadLetters)
                .sinkTo(sinks.deadLetters())
                .name("sink: dead letters")
                .uid("sink-dead-letters");
    }

    /** Scored events as records without a label, their texts cut to {@code keepTextChars}. */
    private static DataStream<LabelledScore> unlabelled(
            DataStream<ScoredEvent> scored, int keepTextChars, String name) {
        String uid = "unlabelled-" + name.replace(' ', '-');
        return scored.map(new AsUnlabelledScore(keepTextChars))
                .returns(TypeInformation.of(LabelledScore.class))
                .name("unlabelled " + name)
                .uid(uid);
    }
}
