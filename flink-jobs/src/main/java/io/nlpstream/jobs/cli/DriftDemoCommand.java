package io.nlpstream.jobs.cli;

import io.nlpstream.jobs.demo.DriftDemo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nlp-stream drift-demo}: the closed retraining loop on a real domain shift. */
@Command(
        name = "drift-demo",
        mixinStandardHelpOptions = true,
        description =
                "Stream SpamAssassin mail through a spam filter, shift to harder mail, and watch the"
                        + " job detect the AUC drop from delayed labels, retrain, check the candidate in shadow"
                        + " and promote it without a restart. Writes drift-report.json.")
final class DriftDemoCommand implements Callable<Integer> {
    @Option(
            names = "--out",
            defaultValue = "out/drift-demo",
            description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--rate",
            defaultValue = "10",
            description = "E-mails per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--lag",
            defaultValue = "50",
            description =
                    "Records between an e-mail and its true label (default ${DEFAULT-VALUE}).")
    int lag;

    @Option(
            names = "--max-chars",
            defaultValue = "1000",
            description = "First characters of each e-mail streamed (default ${DEFAULT-VALUE}).")
    int maxChars;

    @Option(
            names = "--encoder",
            defaultValue = "all-minilm-l6-v2-q",
            description = "Sentence encoder of the spam filter (default ${DEFAULT-VALUE}).")
    String encoder;

    @Option(
            names = "--in-domain",
            defaultValue = "0",
            description =
                    "Most in-domain e-mails streamed; 0 = all 900 held out (default ${DEFAULT-VALUE}).")
    int inDomain;

    @Option(
            names = "--shifted",
            defaultValue = "0",
            description =
                    "Most shifted e-mails streamed; 0 = all 1,646 (default ${DEFAULT-VALUE}).")
    int shifted;

    @Option(names = "--set", description = "Any job option, key=value (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> report =
                new DriftDemo(
                                new DriftDemo.Settings(
                                        out, rate, lag, maxChars, encoder, inDomain, shifted, set),
                                System.out)
                        .execute();
        return report.get("promoted_version") != null
                        && ((Number) report.get("records_accounted")).longValue()
                                == ((Number) report.get("records_in")).longValue()
                ? 0
                : 1;
    }
}
