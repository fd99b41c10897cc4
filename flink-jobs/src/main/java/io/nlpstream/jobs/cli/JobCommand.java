package io.nlpstream.jobs.cli;

import io.nlpstream.jobs.NlpStreamJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Runs the job against an existing Kafka cluster, in the Flink environment of the caller. */
@Command(
        name = "job",
        description =
                "Run the streaming job against an existing Kafka cluster (options as --key value,"
                        + " see flink-jobs/README.md; --config FILE loads a YAML file of them).")
final class JobCommand implements Callable<Integer> {
    @Unmatched List<String> options = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        NlpStreamJob.main(options.toArray(String[]::new));
        return 0;
    }
}
