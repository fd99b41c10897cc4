package io.nlpstream.it;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;

/** A job submitted to a test's MiniCluster, with what a fault test waits for and counts. */
final class RunningJob {
    private final MiniCluster cluster;
    final JobID id;

    RunningJob(MiniCluster cluster, JobID id) {
        this.cluster = cluster;
        this.id = id;
    }

    CheckpointStatsCounts checkpoints() throws Exception {
        return graph().getCheckpointStatsSnapshot().getCounts();
    }

    JobStatus status() throws Exception {
        return cluster.getJobStatus(id).get(30, TimeUnit.SECONDS);
    }

    /** Waits until every task of the job runs (or has finished its bounded input). */
    void awaitAllTasksRunning(Duration timeout) throws Exception {
        await(this::allTasksRunning, timeout, "all tasks running");
    }

    /** Waits until more checkpoints have completed than {@code completedBefore}. */
    long awaitCheckpointAfter(long completedBefore, Duration timeout) throws Exception {
        await(
                () -> checkpoints().getNumberOfCompletedCheckpoints() > completedBefore,
                timeout,
                "a checkpoint after the " + completedBefore + "th");
        return checkpoints().getNumberOfCompletedCheckpoints();
    }

    private boolean allTasksRunning() throws Exception {
        if (status() != JobStatus.RUNNING) {
            return false;
        }
        for (AccessExecutionVertex v : graph().getAllExecutionVertices()) {
            ExecutionState state = v.getExecutionState();
            if (state != ExecutionState.RUNNING && state != ExecutionState.FINISHED) {
                return false;
            }
        }
        return true;
    }

    private AccessExecutionGraph graph() throws Exception {
        return cluster.getExecutionGraph(id).get(30, TimeUnit.SECONDS);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    interface Description {
        String describe() throws Exception;
    }

    static void await(Condition condition, Duration timeout, String what) throws Exception {
        await(condition, timeout, () -> what);
    }

    /** Waits until the condition holds; on a timeout, fails with the state it describes. */
    static void await(Condition condition, Duration timeout, Description what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after " + timeout + " waiting for " + what.describe());
            }
            Thread.sleep(50);
        }
    }
}
