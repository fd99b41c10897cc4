package io.nlpstream.jobs.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.nlpstream.serving.inference.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Proves that ONNX Runtime really runs on CUDA. Model serving asks for the CUDA provider but falls
 * back to the CPU with only a warning and does not say which provider it got, so this looks at what
 * the process has loaded instead.
 */
final class CudaCheck {
    private static final String CUDA_PROVIDER_LIBRARY = "libonnxruntime_providers_cuda";
    private static final Path MAPS = Path.of("/proc/self/maps");

    private CudaCheck() {}

    /** Fails unless the ONNX Runtime on the class path was built with the CUDA provider. */
    static void requireCudaBuild() {
        EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
        if (!providers.contains(OrtProvider.CUDA)) {
            throw new CudaUnavailableException(
                    "the ONNX Runtime on the class path offers "
                            + providers
                            + " but no CUDA provider: build with -Pgpu (bin/gpu-bench does)");
        }
    }

    /**
     * Fails unless the CUDA provider library is mapped into this process, which it is only after a
     * session was really created with it; returns the CUDA libraries that are loaded.
     */
    static List<String> requireProviderLoaded() {
        List<String> loaded = loadedLibraries(mappedFiles());
        if (loaded.stream().noneMatch(l -> l.startsWith(CUDA_PROVIDER_LIBRARY))) {
            throw new CudaUnavailableException(
                    "the CUDA provider was asked for but never loaded, so model serving fell back to"
                            + " the CPU (see its 'CUDA execution provider unavailable' warning in"
                            + " out/nlp-stream.log: CUDA 12 / cuDNN 9 libraries or the driver are missing)");
        }
        return loaded;
    }

    /** The CUDA-related libraries among the process's mapped files, by file name. */
    static List<String> loadedLibraries(List<String> mapsLines) {
        TreeSet<String> names = new TreeSet<>();
        for (String line : mapsLines) {
            int slash = line.lastIndexOf('/');
            if (slash < 0) {
                continue;
            }
            String name = line.substring(slash + 1);
            if (name.startsWith(CUDA_PROVIDER_LIBRARY)
                    || name.startsWith("libcudart")
                    || name.startsWith("libcublas")
                    || name.startsWith("libcudnn")
                    || name.startsWith("libcuda.")) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * Whether every node of an encoder can run on CUDA: a session that is not allowed to fall back
     * to the CPU either opens or says why not (int8 operators often have no CUDA kernel).
     */
    static String nodePlacement(Encoder encoder) {
        try (InputStream in =
                CudaCheck.class.getClassLoader().getResourceAsStream(encoder.modelResource())) {
            if (in == null) {
                return "unknown: model resource " + encoder.modelResource() + " not found";
            }
            byte[] model = in.readAllBytes();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.addCUDA(0);
                options.addConfigEntry("session.disable_cpu_ep_fallback", "1");
                OrtSession session = OrtEnvironment.getEnvironment().createSession(model, options);
                session.close();
                return "all nodes on CUDA";
            }
        } catch (OrtException | IOException e) {
            return "some nodes need the CPU: " + e.getMessage();
        }
    }

    private static List<String> mappedFiles() {
        try {
            return Files.readAllLines(MAPS);
        } catch (IOException e) {
            throw new CudaUnavailableException(
                    "cannot read " + MAPS + " to check the CUDA provider", e);
        }
    }
}
