package io.nlpstream.serving.bundle;

import io.nlpstream.serving.ModelDescriptor;
import io.nlpstream.serving.head.LinearHead;
import io.nlpstream.serving.inference.EncoderSpec;
import java.util.Locale;

/** A loaded, validated model bundle: its manifest, its head and where it came from. */
public record ModelBundle(BundleManifest manifest, LinearHead head, String location) {

    /** Id, version and labels for prediction records. */
    public ModelDescriptor descriptor() {
        return new ModelDescriptor(manifest.id(), manifest.version(), manifest.labels());
    }

    /** The encoders the head reads, in concatenation order. */
    public EncoderSpec encoderSpec() {
        return EncoderSpec.parse(manifest.encoder());
    }

    /** A multi-line human description of the bundle. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("model     ")
                .append(manifest.id())
                .append(' ')
                .append(manifest.version())
                .append('\n');
        out.append("location  ").append(location).append('\n');
        out.append("encoder   ")
                .append(manifest.encoder())
                .append(" (")
                .append(manifest.pooling().toLowerCase(Locale.ROOT))
                .append(" pooling, ")
                .append(manifest.maxTokens())
                .append(" tokens, overlap ")
                .append(manifest.overlap())
                .append(")\n");
        out.append("labels    ").append(String.join(", ", manifest.labels())).append('\n');
        out.append("calibr.   ")
                .append(manifest.calibration().method())
                .append(" T=")
                .append(String.format(Locale.ROOT, "%.4f", manifest.calibration().temperature()))
                .append('\n');
        manifest.training()
                .forEach(
                        (k, v) ->
                                out.append("training  ")
                                        .append(k)
                                        .append(": ")
                                        .append(v)
                                        .append('\n'));
        manifest.metrics()
                .forEach(
                        (k, v) ->
                                out.append("metric    ")
                                        .append(k)
                                        .append(String.format(Locale.ROOT, " = %.4f", v))
                                        .append('\n'));
        return out.toString();
    }
}
