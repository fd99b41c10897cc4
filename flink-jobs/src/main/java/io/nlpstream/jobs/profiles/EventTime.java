package io.nlpstream.jobs.profiles;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time as the profiles use it: each record's own {@code time}, a watermark that trails the
 * largest seen by the allowed out-of-orderness, and idle inputs that stop holding it back.
 */
public record EventTime(Duration maxOutOfOrderness, Duration idleTimeout) {

    public <T> WatermarkStrategy<T> strategy(SerializableTimestampAssigner<T> timeOf) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner(timeOf)
                .withIdleness(idleTimeout);
    }
}
