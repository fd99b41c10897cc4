package io.nlpstream.jobs.bench;

import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.inference.EncoderSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which model a benchmark ran: bundle, encoder and its precision. */
record ModelInfo(String name, String bundleId, String encoder, String precision) {

    static ModelInfo of(String nameOrPath) {
        BundleManifest manifest = Bundles.load(nameOrPath).manifest();
        EncoderSpec encoder = EncoderSpec.parse(manifest.encoder());
        return new ModelInfo(nameOrPath, manifest.id(), encoder.id(), encoder.precision());
    }

    Map<String, Object> toJson(String device) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("bundle", bundleId);
        out.put("encoder", encoder);
        out.put("precision", precision);
        out.put("device", device);
        return out;
    }

    @Override
    public String toString() {
        return name + " (" + encoder + ", " + precision + ")";
    }
}
