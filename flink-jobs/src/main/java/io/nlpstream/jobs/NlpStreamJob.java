package io.nlpstream.jobs;

import io.nlpstream.jobs.kafka.KafkaConnectors;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.batching.MicroBatchInferenceOperator;
import io.nlpstream.operators.parsing.ParseFunction;
import io.nlpstream.operators.parsing.RawRecord;
import io.nlpstream.operators.routing.ConfidenceRouter;
import io.nlpstream.operators.rules.RuleEngineFunction;
import io.nlpstream.operators.rules.RuleParser;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.Rule;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The main job: Kafka texts in, decisions out, every record accounted for.
 *
 * <pre>
 * input topic -> parse -> micro-batch inference -> confidence router -> rule engine -> predictions
 *                  |               |                                        |-> review
 *                  |               |                                        |-> alerts
 *                  +---------------+------------- dead letters <------------+
 * rules topic -> rule parser -> (broadcast) -> rule engine
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
        DataStream<RawRecord> input =
                env.fromSource(KafkaConnectors.inputSource(options), WatermarkStrategy.noWatermarks(), "kafka: texts")
                        .uid("source-texts");
        DataStream<byte[]> ruleUpdates =
                env.fromSource(KafkaConnectors.rulesSource(options), WatermarkStrategy.noWatermarks(), "kafka: rules")
                        .uid("source-rules")
                        .setParallelism(1);
        defineWorkflow(input, ruleUpdates, KafkaConnectors.sinks(options), PipelineSettings.fromOptions(options));
    }

    /** The data flow itself; tests call it with bounded sources and collecting sinks. */
    public static void defineWorkflow(
            DataStream<RawRecord> input, DataStream<byte[]> ruleUpdates, Sinks sinks, PipelineSettings settings) {
        SingleOutputStreamOperator<TextEvent> events =
                input.process(new ParseFunction(settings.maxRecordBytes())).name("parse").uid("parse");

        SingleOutputStreamOperator<ScoredEvent> scored =
                events.transform(
                                "micro-batch inference",
                                TypeInformation.of(ScoredEvent.class),
                                new MicroBatchInferenceOperator(settings.batching(), settings.classifiers()))
                        .uid("inference");

        DataStream<ScoredEvent> routed =
                scored.process(new ConfidenceRouter(settings.thresholds())).name("confidence router").uid("router");

        SingleOutputStreamOperator<Rule> rules =
                ruleUpdates.process(new RuleParser()).name("rule parser").uid("rule-parser").setParallelism(1);
        BroadcastStream<Rule> broadcastRules = rules.broadcast(RuleEngineFunction.RULES);

        SingleOutputStreamOperator<Prediction> decisions =
                routed.connect(broadcastRules).process(new RuleEngineFunction()).name("rule engine").uid("rule-engine");

        decisions.sinkTo(sinks.predictions()).name("sink: predictions").uid("sink-predictions");
        decisions.getSideOutput(OutputTags.REVIEW).sinkTo(sinks.review()).name("sink: review").uid("sink-review");
        decisions.getSideOutput(OutputTags.ALERTS).sinkTo(sinks.alerts()).name("sink: alerts").uid("sink-alerts");

        DataStream<DeadLetter> deadLetters =
                events.getSideOutput(OutputTags.DEAD_LETTERS)
                        .union(
                                scored.getSideOutput(OutputTags.DEAD_LETTERS),
                                rules.getSideOutput(OutputTags.DEAD_LETTERS),
                                decisions.getSideOutput(OutputTags.DEAD_LETTERS));
        deadLetters.sinkTo(sinks.deadLetters()).name("sink: dead letters").uid("sink-dead-letters");
    }
}
