package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class CudaCheckTest {

    @Test
    void findsTheCudaLibrariesAmongTheMappedFiles() {
        List<String> maps =
                List.of(
                        "7f0000000000-7f0000001000 r-xp 00000000 08:01 1 /tmp/onnxruntime-java1/libonnxruntime.so",
                        "7f0000001000-7f0000002000 r-xp 00000000 08:01 2 /tmp/onnxruntime-java1/libonnxruntime_providers_cuda.so",
                        "7f0000002000-7f0000003000 r--p 00000000 08:01 2 /tmp/onnxruntime-java1/libonnxruntime_providers_cuda.so",
                        "7f0000003000-7f0000004000 r-xp 00000000 08:01 3 /usr/lib/x86_64-linux-gnu/libcublasLt.so.12",
                        "7f0000004000-7f0000005000 r-xp 00000000 08:01 4 /usr/lib/x86_64-linux-gnu/libcuda.so.1",
                        "7f0000005000-7f0000006000 rw-p 00000000 00:00 0 [heap]");

        assertThat(CudaCheck.loadedLibraries(maps))
                .containsExactly(
                        "libcublasLt.so.12", "libcuda.so.1", "libonnxruntime_providers_cuda.so");
    }

    @Test
    void failsLoudlyWhenThisProcessHasNoCudaProvider() {
        assumeFalse(cudaBuild(), "a -Pgpu build may really load the CUDA provider");
        // The CPU build of ONNX Runtime never loads the CUDA provider library.
        assertThatThrownBy(CudaCheck::requireProviderLoaded)
                .isInstanceOf(CudaUnavailableException.class)
                .hasMessageContaining("fell back to the CPU");
    }

    @Test
    void failsLoudlyWhenOnnxRuntimeWasBuiltWithoutCuda() {
        assumeFalse(cudaBuild(), "only the CPU build of ONNX Runtime lacks the CUDA provider");
        assertThatThrownBy(CudaCheck::requireCudaBuild)
                .isInstanceOf(CudaUnavailableException.class)
                .hasMessageContaining("build with -Pgpu");
    }

    private static boolean cudaBuild() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }
}
