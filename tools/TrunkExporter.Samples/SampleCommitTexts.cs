namespace TrunkExporter.Samples;

/// <summary>
/// Commit titles and authors in PyTorch's style. The titles are invented; the authors are fictional
/// handles, so the sample blames no real person for a broken trunk.
/// </summary>
internal static class SampleCommitTexts
{
    /// <summary>The merge bot that lands reverts on PyTorch's main branch.</summary>
    public const string MergeBot = "pytorchmergebot";

    public static IReadOnlyList<string> Authors { get; } =
    [
        "aiko-tanaka", "bwen-ml", "cfranklin", "dmitri-kov", "elena-perf", "fxu-compiler", "gsharma-dist",
        "hzhao-inductor", "irene-mps", "jpark-export", "kowalski-ci", "lmartin-docs", "mnguyen-rocm",
        "nadia-quant", "osei-fx", "pvaldez-dynamo", "qli-cuda", "rbauer-nn", "sato-autograd", "tomasz-xpu",
    ];

    public static IReadOnlyList<string> Titles { get; } =
    [
        "[inductor] Fix reduction split heuristic for small outer dimensions",
        "[inductor] Reuse buffers across fused pointwise kernels",
        "[inductor] Skip cudagraph trees when a graph mutates an input",
        "[inductor] Add lowering for aten.index_reduce",
        "[inductor] Fix codegen of masked loads with negative strides",
        "[inductor][cpu] Vectorize bfloat16 conversion in the C++ backend",
        "[dynamo] Guard on tensor subclass metadata",
        "[dynamo] Support itertools.accumulate in graph capture",
        "[dynamo] Fix graph break on nested context managers",
        "[dynamo] Reduce recompilations for dynamic batch sizes",
        "[dynamo] Trace through functools.partial with keyword arguments",
        "[export] Preserve node metadata through run_decompositions",
        "[export] Support unbacked symints in torch.cond branches",
        "[export] Serialize custom ops with default arguments",
        "[aot_autograd] Fix aliasing of outputs that are views of inputs",
        "[fx] Speed up graph copying for large models",
        "[fx] Keep stack traces when replacing nodes",
        "[MPS] Add support for torch.special.bessel_j0",
        "[MPS] Fix index_put with boolean masks",
        "[MPS] Implement native group_norm backward",
        "[ROCm] Enable hipBLASLt for bfloat16 matmul",
        "[ROCm] Skip flaky test_sdpa_flash on gfx90a",
        "[xpu] Add XPU support for torch.compile autotuning",
        "[xpu] Fix device guard in sparse kernels",
        "[distributed] Fix barrier timeout in ProcessGroupNCCL",
        "[c10d] Add abort hook for hung collectives",
        "[FSDP2] Support mixed precision for buffers",
        "[FSDP2] Overlap reduce-scatter with the next backward",
        "[DTensor] Add sharding strategy for aten.topk",
        "[DTensor] Fix redistribute of partial placements",
        "[SymmetricMemory] Add one-shot all-reduce for small tensors",
        "[pipelining] Fix schedule for interleaved 1F1B with odd stages",
        "[cuDNN] Bump cuDNN frontend to 1.12",
        "[CUDA] Use cudaMallocAsync for expandable segments",
        "[CUDA] Fix launch bounds for sm_100",
        "[autograd] Fix double backward of scaled_dot_product_attention",
        "[autograd] Preserve requires_grad in custom Function outputs",
        "[nn] Add padding_side to nn.utils.rnn.pad_sequence",
        "[nn] Fix functional.interpolate for channels_last 3D inputs",
        "[quant] Remove deprecated qconfig helpers",
        "[ao] Fix observer insertion for shared weights",
        "[ONNX] Export torch.istft with the dynamo exporter",
        "[ONNX] Fix dynamic axes for scaled_dot_product_attention",
        "[functorch] Support vmap over torch.linalg.lstsq",
        "[sparse] Fix coalesce for empty tensors",
        "[torchbind] Allow script objects in export inputs",
        "[profiler] Record NCCL collective sizes",
        "[cpp] Fix ODR violation in c10::SmallVector",
        "[BE] Replace deprecated typing aliases in torch/_inductor",
        "[BE] Remove unused imports in test/distributed",
        "[BE] Enable ruff rule UP035 in torch/utils",
        "[BE][Easy] Fix typo in torch.compile docstring",
        "[CI] Move XPU tests to the new runner pool",
        "[CI] Bump triton pin",
        "[CI] Upgrade manywheel images to CUDA 13.0.1",
        "[CI] Shard default tests by test time",
        "[docs] Document torch.compile caching options",
        "[docs] Fix broken links in the FSDP2 tutorial",
        "[dataloader] Fix worker shutdown when pin_memory is set",
        "[optim] Add foreach implementation for Adafactor",
        "[mps] Speed up softmax for long rows",
        "[cuda] Fix race in CUDACachingAllocator stats",
        "[jit] Remove dead code from the legacy fuser",
        "[testing] Add OpInfo for torch.nn.functional.rms_norm",
    ];
}
