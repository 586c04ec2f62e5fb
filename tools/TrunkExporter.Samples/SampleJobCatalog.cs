namespace TrunkExporter.Samples;

/// <summary>
/// The job matrix of the sample trunk: PyTorch-like workflows and job names, about 300 job runs per
/// commit. The named jobs are the ones the scenarios script; everything else only carries noise.
/// </summary>
internal static class SampleJobCatalog
{
    /// <summary>The GPU runner type that the P1 scenario takes down.</summary>
    public const string BrokenRunner = "linux.g5.4xlarge.nvidia.gpu";

    private const string CpuBuild = "linux-jammy-py3.10-gcc11";
    private const string CudaBuild = "linux-jammy-cuda12.8-py3.10-gcc11";

    /// <summary>Scripted: shard 3 of 5 fails on the newest commits (in scope).</summary>
    public static readonly SampleJobDefinition CpuDefaultTests = Test("pull", CpuBuild, "default", 5, "linux.4xlarge");

    /// <summary>Scripted: fails, is re-run green once, and is still running on the newest commit (in scope).</summary>
    public static readonly SampleJobDefinition DistributedGpuTests =
        Test("trunk", CudaBuild, "distributed", 3, "linux.g4dn.12xlarge.nvidia.gpu", pace: JobPace.Long);

    /// <summary>Scripted: fails on only the two newest commits (in scope, below the alert).</summary>
    public static readonly SampleJobDefinition DynamoWrappedTests = Test("pull", "linux-jammy-py3.13-clang12", "dynamo_wrapped", 3, "linux.2xlarge");

    /// <summary>Scripted: fails for ten commits in a workflow outside the scope.</summary>
    public static readonly SampleJobDefinition InductorTimmTests = Test("inductor", "cuda12.8-py3.10-gcc9-sm86", "inductor_timm", 2, BrokenRunner);

    /// <summary>Scripted: fails on most commits; excluded by its name.</summary>
    public static readonly SampleJobDefinition UnstableXpuTests = Test("pull", "linux-jammy-xpu-n-py3.10", "default", 4, "linux.idc.xpu", "unstable");

    /// <summary>Scripted: fails on most commits; excluded by its name.</summary>
    public static readonly SampleJobDefinition MemLeakCheckTests = Test("trunk", CudaBuild, "default", 4, BrokenRunner, "mem_leak_check");

    /// <summary>Scripted: fails on every commit; excluded by its name.</summary>
    public static readonly SampleJobDefinition RerunDisabledTests = Test("trunk", CpuBuild, "default", 2, "linux.2xlarge", "rerun_disabled_tests");

    public static IReadOnlyList<SampleJobDefinition> All { get; } =
        [.. Pull(), .. Trunk(), .. DocsBuild(), .. BinaryManywheel(), .. BinaryLibtorch(), .. Inductor(), .. Rocm(), .. Aarch64(), .. Lint(), .. Periodic()];

    private static IEnumerable<SampleJobDefinition> Pull()
    {
        const string pull = "pull";
        yield return Job(pull, "get-label-type / runner-determinator", JobPace.Quick);
        yield return Job(pull, "target-determination / target-determination", JobPace.Quick);
        yield return Job(pull, $"{CpuBuild} / build", JobPace.Build);
        yield return CpuDefaultTests;
        yield return Test(pull, CpuBuild, "docs_test", 1, "linux.2xlarge");
        yield return Test(pull, CpuBuild, "backwards_compat", 1, "linux.2xlarge");
        yield return Test(pull, CpuBuild, "distributed", 2, "linux.2xlarge");
        yield return Test(pull, CpuBuild, "jit_legacy", 1, "linux.2xlarge");
        yield return Test(pull, CpuBuild, "numpy_2_x", 1, "linux.2xlarge");
        yield return Test(pull, CpuBuild, "crossref", 2, "linux.2xlarge");
        yield return Test(pull, CpuBuild, "dynamo_wrapped", 3, "linux.2xlarge");
        yield return Job(pull, "linux-jammy-py3.13-clang12 / build", JobPace.Build);
        yield return Test(pull, "linux-jammy-py3.13-clang12", "default", 5, "linux.4xlarge");
        yield return Test(pull, "linux-jammy-py3.13-clang12", "crossref", 2, "linux.2xlarge");
        yield return DynamoWrappedTests;
        yield return Job(pull, "linux-jammy-py3.10-clang18-asan / build", JobPace.Build);
        yield return Test(pull, "linux-jammy-py3.10-clang18-asan", "default", 7, "linux.4xlarge");
        yield return Job(pull, "linux-jammy-py3.10-clang12-onnx / build", JobPace.Build);
        yield return Test(pull, "linux-jammy-py3.10-clang12-onnx", "default", 2, "linux.2xlarge");
        yield return Job(pull, "linux-jammy-py3-clang12-mobile-build / build", JobPace.Build);
        yield return Job(pull, "linux-jammy-py3-clang12-mobile-custom-build-static / build", JobPace.Build);
        yield return Job(pull, "linux-jammy-py3.10-gcc11-no-ops / build", JobPace.Build);
        yield return Job(pull, "linux-jammy-py3.10-gcc11-pch / build", JobPace.Build);
        yield return Job(pull, "linux-jammy-cuda12.8-cudnn9-py3.10-clang12 / build", JobPace.Build);
        yield return Job(pull, "linux-jammy-cuda12.8-py3.10-gcc11-sm86 / build", JobPace.Build);
        yield return Test(pull, "linux-jammy-cuda12.8-py3.10-gcc11-sm86", "default", 5, BrokenRunner);
        yield return Test(pull, "linux-jammy-cuda12.8-py3.10-gcc11-sm86", "dynamo_wrapped", 3, BrokenRunner);
        yield return Job(pull, "linux-jammy-py3-clang12-executorch / build", JobPace.Build);
        yield return Test(pull, "linux-jammy-py3-clang12-executorch", "executorch", 1, "linux.2xlarge");
        yield return Job(pull, "linux-jammy-py3.10-gcc11-inductor-halide / build", JobPace.Build);
        yield return Test(pull, "linux-jammy-py3.10-gcc11-inductor-halide", "inductor-halide", 1, "linux.12xlarge");
        yield return Job(pull, "linux-jammy-py3.10-gcc11-inductor-triton-cpu / build", JobPace.Build);
        yield return Test(pull, "linux-jammy-py3.10-gcc11-inductor-triton-cpu", "inductor-triton-cpu", 1, "linux.12xlarge");
        yield return Sharded(pull, "linux-jammy-cpu-py3.10-gcc11-bazel-test / build-and-test", "default", 1, "linux.4xlarge", pace: JobPace.Build);
        yield return Job(pull, "win-vs2022-cpu-py3 / build", JobPace.Build);
        yield return Test(pull, "win-vs2022-cpu-py3", "default", 3, "windows.4xlarge.nonephemeral");
        yield return Job(pull, "linux-jammy-xpu-n-py3.10 / build", JobPace.Build);
        yield return UnstableXpuTests;
    }

    private static IEnumerable<SampleJobDefinition> Trunk()
    {
        const string trunk = "trunk";
        yield return Job(trunk, "get-label-type / runner-determinator", JobPace.Quick);
        yield return Job(trunk, "target-determination / target-determination", JobPace.Quick);
        yield return Job(trunk, $"{CudaBuild} / build", JobPace.Build);
        yield return Test(trunk, CudaBuild, "default", 5, BrokenRunner);
        yield return Test(trunk, CudaBuild, "jit_legacy", 1, BrokenRunner);
        yield return Test(trunk, CudaBuild, "nogpu_AVX512", 2, "linux.4xlarge");
        yield return Test(trunk, CudaBuild, "nogpu_NO_AVX2", 2, "linux.4xlarge");
        yield return DistributedGpuTests;
        yield return MemLeakCheckTests;
        yield return Job(trunk, "linux-jammy-cuda12.8-py3.10-gcc11-debug / build", JobPace.Build);
        yield return Test(trunk, "linux-jammy-cuda12.8-py3.10-gcc11-debug", "default", 4, BrokenRunner);
        yield return Job(trunk, "libtorch-linux-jammy-cuda12.8-py3.10-gcc11-debug / build", JobPace.Build);
        yield return Job(trunk, "win-vs2022-cuda12.8-py3 / build", JobPace.Build);
        yield return Job(trunk, "macos-py3-arm64 / build", JobPace.Build);
        yield return Test(trunk, "macos-py3-arm64", "default", 3, "macos-m1-stable");
        yield return Test(trunk, "macos-py3-arm64", "openreg", 1, "macos-m1-stable");
        yield return Test(trunk, "macos-py3-arm64", "mps", 1, "macos-m1-14");
        yield return Job(trunk, "verify-cachebench-cpu-build / build", JobPace.Build);
        yield return Test(trunk, "verify-cachebench-cpu-test", "verify_cachebench", 1, "linux.2xlarge");
        yield return RerunDisabledTests;
    }

    private static IEnumerable<SampleJobDefinition> DocsBuild()
    {
        const string docs = "docs-build";
        yield return Job(docs, "get-label-type / runner-determinator", JobPace.Quick);
        yield return Job(docs, "linux-docs / build-docs-python-false", JobPace.Test);
        yield return Job(docs, "linux-docs / build-docs-cpp-false", JobPace.Test);
        yield return Job(docs, "linux-docs / build-docs-functorch-false", JobPace.Test);
    }

    private static IEnumerable<SampleJobDefinition> BinaryManywheel()
    {
        const string manywheel = "linux-binary-manywheel";
        foreach (var python in (string[])["3_10", "3_11", "3_12", "3_13", "3_13t", "3_14", "3_14t"])
        {
            foreach (var variant in (string[])["cpu", "cuda12_6", "cuda12_8", "cuda13_0", "rocm6_4", "xpu"])
            {
                var prefix = $"manywheel-py{python}-{variant}";
                yield return Job(manywheel, $"{prefix}-build / build", JobPace.Test);
                yield return Job(manywheel, $"{prefix}-test / test", JobPace.Long);
                yield return Job(manywheel, $"{prefix}-upload / upload", JobPace.SkippedOnPush);
            }
        }
    }

    private static IEnumerable<SampleJobDefinition> BinaryLibtorch()
    {
        const string libtorch = "linux-binary-libtorch";
        foreach (var variant in (string[])["cpu", "cuda12_6", "cuda12_8", "cuda13_0", "rocm6_4"])
        {
            var prefix = $"libtorch-{variant}-shared-with-deps-release";
            yield return Job(libtorch, $"{prefix}-build / build", JobPace.Test);
            yield return Job(libtorch, $"{prefix}-test / test", JobPace.Long);
            yield return Job(libtorch, $"{prefix}-upload / upload", JobPace.SkippedOnPush);
        }
    }

    private static IEnumerable<SampleJobDefinition> Inductor()
    {
        const string inductor = "inductor";
        const string gpuBuild = "cuda12.8-py3.10-gcc9-sm86";
        const string cpuBuild = "linux-jammy-cpu-py3.10-gcc11-inductor";
        yield return Job(inductor, "get-label-type / runner-determinator", JobPace.Quick);
        yield return Job(inductor, $"{gpuBuild} / build", JobPace.Build);
        yield return Test(inductor, gpuBuild, "inductor", 2, BrokenRunner);
        yield return Test(inductor, gpuBuild, "inductor_distributed", 1, "linux.g5.12xlarge.nvidia.gpu");
        yield return Test(inductor, gpuBuild, "inductor_huggingface", 1, BrokenRunner);
        yield return InductorTimmTests;
        yield return Test(inductor, gpuBuild, "inductor_torchbench", 2, BrokenRunner);
        yield return Test(inductor, gpuBuild, "inductor_cpp_wrapper", 2, BrokenRunner);
        yield return Job(inductor, $"{cpuBuild} / build", JobPace.Build);
        yield return Test(inductor, cpuBuild, "inductor_amx", 2, "linux.8xlarge.amx");
        yield return Test(inductor, cpuBuild, "dynamic_cpu_inductor_huggingface", 1, "linux.8xlarge.amx");
        yield return Test(inductor, cpuBuild, "cpu_inductor_timm", 2, "linux.8xlarge.amx");
        yield return Test(inductor, cpuBuild, "cpu_inductor_torchbench", 2, "linux.8xlarge.amx");
    }

    private static IEnumerable<SampleJobDefinition> Rocm()
    {
        const string rocm = "rocm";
        yield return Job(rocm, "linux-jammy-rocm-py3.10 / build", JobPace.Build);
        yield return Test(rocm, "linux-jammy-rocm-py3.10", "default", 6, "linux.rocm.gpu.2");
        yield return Test(rocm, "linux-jammy-rocm-py3.10", "distributed", 3, "linux.rocm.gpu.4", pace: JobPace.Long);
    }

    private static IEnumerable<SampleJobDefinition> Aarch64()
    {
        const string aarch64 = "linux-aarch64";
        yield return Job(aarch64, "linux-jammy-aarch64-py3.10 / build", JobPace.Build);
        yield return Test(aarch64, "linux-jammy-aarch64-py3.10", "default", 4, "linux.arm64.m7g.4xlarge");
        yield return Test(aarch64, "linux-jammy-aarch64-py3.10", "openreg", 1, "linux.arm64.m7g.4xlarge");
    }

    private static IEnumerable<SampleJobDefinition> Lint()
    {
        const string lint = "Lint";
        yield return Job(lint, "get-label-type / runner-determinator", JobPace.Quick);
        yield return Job(lint, "lintrunner-noclang / linux-job", JobPace.Quick);
        yield return Job(lint, "lintrunner-clang / linux-job", JobPace.Quick);
        yield return Job(lint, "quick-checks / linux-job", JobPace.Quick);
        yield return Job(lint, "workflow-checks / linux-job", JobPace.Quick);
        yield return Job(lint, "pr-sanity-checks", JobPace.SkippedOnPush);
        yield return Job(lint, "toc / linux-job", JobPace.Quick);
        yield return Job(lint, "Test collect_env (with_torch)", JobPace.Quick);
        yield return Job(lint, "Test collect_env (without_torch)", JobPace.Quick);
        yield return Job(lint, "Test collect_env (older_python_version)", JobPace.Quick);
        yield return Job(lint, "Test tools / linux-job", JobPace.Quick);
        yield return Job(lint, "link-check / Lint URLs / linux-job", JobPace.Quick);
        yield return Job(lint, "link-check / Lint Xrefs / linux-job", JobPace.Quick);
    }

    private static IEnumerable<SampleJobDefinition> Periodic()
    {
        const string periodic = "periodic";
        const string build = "linux-jammy-cuda12.6-py3.10-gcc11";
        yield return Job(periodic, "get-label-type / runner-determinator", JobPace.Quick) with { Scheduled = true };
        yield return Job(periodic, $"{build} / build", JobPace.Build) with { Scheduled = true };
        yield return Test(periodic, build, "nogpu_AVX512", 3, "linux.4xlarge") with { Scheduled = true };
        yield return Test(periodic, build, "multigpu", 1, "linux.g5.12xlarge.nvidia.gpu", pace: JobPace.Long) with { Scheduled = true };
        yield return Test(periodic, build, "slow", 2, "linux.g6.4xlarge.experimental.nvidia.gpu") with { Scheduled = true };
    }

    private static SampleJobDefinition Job(string workflow, string name, JobPace pace) =>
        new(workflow, name, [name], pace, FlakinessOf(workflow));

    private static SampleJobDefinition Test(
        string workflow, string build, string config, int shards, string runner, string? tag = null, JobPace pace = JobPace.Test) =>
        Sharded(workflow, $"{build} / test", config, shards, runner, tag, pace);

    /// <summary>PyTorch's shard naming: <c>step (config, shard, shards, runner[, tag])</c>; the logical name drops the numbers.</summary>
    private static SampleJobDefinition Sharded(
        string workflow, string step, string config, int shards, string runner, string? tag = null, JobPace pace = JobPace.Test)
    {
        var suffix = tag is null ? string.Empty : $", {tag}";
        var runs = Enumerable.Range(1, shards).Select(shard => $"{step} ({config}, {shard}, {shards}, {runner}{suffix})").ToArray();
        return new SampleJobDefinition(workflow, $"{step} ({config}, {runner}{suffix})", runs, pace, FlakinessOf(workflow));
    }

    /// <summary>Per logical job and commit; the out-of-scope workflows are the flakier ones, as on a real trunk.</summary>
    private static double FlakinessOf(string workflow) => workflow switch
    {
        "rocm" => 0.04,
        "periodic" => 0.06,
        "inductor" or "linux-aarch64" => 0.015,
        "Lint" => 0.002,
        _ => 0.004,
    };
}
