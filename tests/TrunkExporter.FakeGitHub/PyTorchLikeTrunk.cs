using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TrunkExporter.Snapshots;

namespace TrunkExporter.FakeGitHub;

/// <summary>
/// Generates a PyTorch-like trunk: PyTorch's workflow names and job naming (config / test (kind,
/// shard, shards, runner)), a couple of logical jobs on an ongoing failure streak, a flaky job
/// re-run to success, some skipped and cancelled jobs. Deterministic for a given shape.
/// </summary>
internal static class PyTorchLikeTrunk
{
    /// <summary>Workflows and their share of a commit's jobs, largest first.</summary>
    private static readonly (string Name, int Share)[] Workflows =
    [
        ("pull", 28), ("trunk", 22), ("inductor", 14), ("linux-binary-manywheel", 11), ("slow", 7),
        ("linux-binary-libtorch", 6), ("rocm", 4), ("linux-binary-conda", 4), ("Lint", 3), ("docs-build", 1),
    ];

    private static readonly string[] Configs =
    [
        "linux-jammy-py3.10-gcc11", "linux-jammy-cuda12.4-py3.10-gcc11", "linux-jammy-py3.12-clang15",
        "win-vs2022-cpu-py3", "macos-py3-arm64", "linux-focal-rocm6.2-py3.10", "linux-jammy-py3.9-gcc11-sm86",
        "linux-jammy-xpu-2025.0-py3.9", "linux-jammy-aarch64-py3.10", "linux-jammy-cpu-py3.12-gcc11-inductor",
    ];

    private static readonly string[] Suites = ["default", "default", "default", "default", "default", "distributed", "distributed", "distributed", "inductor", "inductor", "inductor"];

    public static readonly DateTimeOffset NewestCommitTime = new(2026, 11, 18, 15, 0, 0, TimeSpan.Zero);

    public static TrunkSnapshot Create(TrunkShape shape, string repo = "pytorch/pytorch", string branch = "main")
    {
        ArgumentNullException.ThrowIfNull(shape);
        var random = new Random(shape.Seed);
        var commits = new List<SnapshotCommit>(shape.Commits);
        for (var index = 0; index < shape.Commits; index++)
        {
            var jobs = new List<SnapshotJob>(shape.JobsPerCommit + 4);
            foreach (var (workflow, names) in JobNames(shape))
            {
                for (var i = 0; i < names.Count; i++)
                {
                    var name = names[i];

                    // Two logical jobs broken on the newest four commits: a P2-sized ongoing streak.
                    var broken = index < 4 && workflow == "pull" && (i == 1 || i == 13);
                    var roll = random.NextDouble();
                    var conclusion = broken ? "failure"
                        : roll < 0.004 ? "skipped"
                        : roll < 0.006 ? "cancelled"
                        : "success";
                    if (!broken && roll is >= 0.006 and < 0.008)
                    {
                        // A flaky failure re-run to success: still a failure on this commit (contract 1.5).
                        jobs.Add(new SnapshotJob(workflow, name, "completed", "failure", 1));
                        jobs.Add(new SnapshotJob(workflow, name, "completed", "success", 2));
                        continue;
                    }

                    jobs.Add(new SnapshotJob(workflow, name, "completed", conclusion));
                }
            }

            commits.Add(Commit(shape, index, NewestCommitTime - TimeSpan.FromMinutes(15 * index), jobs));
        }

        return new TrunkSnapshot(repo, branch, NewestCommitTime, commits);
    }

    /// <summary>A commit pushed after the generated window, every job still queued.</summary>
    public static SnapshotCommit QueuedCommit(TrunkShape shape, int number)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var jobs = JobNames(shape).SelectMany(pair => pair.Names.Select(name => new SnapshotJob(pair.Workflow, name, "queued"))).ToList();
        return Commit(shape, -number, NewestCommitTime + TimeSpan.FromMinutes(15 * number), jobs);
    }

    /// <summary>
    /// The commit's jobs finishing over <paramref name="steps"/> steps. Each run lasts a number of
    /// steps in proportion to its size (small workflows finish first); each job starts and completes
    /// at random steps within its run's span (or front to back, <paramref name="inListOrder"/>), and a
    /// finished run never changes again.
    /// </summary>
    public static IReadOnlyList<ScenarioStep> Progress(string repo, SnapshotCommit commit, int steps, int seed, bool inListOrder = false)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var random = new Random(seed);
        var transitions = new List<(int Step, string Workflow, string Name, string Status, string? Conclusion)>();
        var workflows = commit.Jobs.GroupBy(job => job.Workflow).ToList();
        var largest = workflows.Max(group => group.Count());
        foreach (var workflow in workflows)
        {
            var span = Math.Clamp((int)Math.Ceiling(steps * (double)workflow.Count() / largest), 1, steps);
            var count = workflow.Count();
            foreach (var (job, index) in workflow.Select((job, index) => (job, index)))
            {
                // In list order: the run's jobs finish front to back (builds before the tests they feed), each running for a step.
                var end = inListOrder ? Math.Max(1, (int)Math.Ceiling((index + 1) * (double)span / count)) : 0;
                var start = inListOrder ? Math.Max(1, end - 1) : random.Next(1, span + 1);
                end = inListOrder ? end : random.Next(start, span + 1);
                if (end > start)
                {
                    transitions.Add((start, job.Workflow, job.Name, "in_progress", null));
                }

                transitions.Add((end, job.Workflow, job.Name, "completed", random.NextDouble() < 0.01 ? "failure" : "success"));
            }
        }

        return [.. Enumerable.Range(1, steps).Select(step => new ScenarioStep(
            $"step {step} of {steps}: {transitions.Count(t => t.Step == step)} job changes on {commit.Sha[..8]}",
            repo,
            (repository, now) =>
            {
                foreach (var transition in transitions.Where(t => t.Step == step))
                {
                    repository.SetJob(commit.Sha, transition.Workflow, transition.Name, transition.Status, transition.Conclusion, now);
                }
            }))];
    }

    private static SnapshotCommit Commit(TrunkShape shape, int index, DateTimeOffset time, List<SnapshotJob> jobs)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{shape.Seed}:{index}")))[..40];
        var pr = 150_000 + index + 1_000;
        return new SnapshotCommit(sha, time, jobs, $"[area-{Math.Abs(index) % 9}] Change number {index.ToString(CultureInfo.InvariantCulture)} (#{pr})", $"dev{Math.Abs(index) % 7}", pr);
    }

    private static List<(string Workflow, List<string> Names)> JobNames(TrunkShape shape)
    {
        var workflows = Workflows.Take(shape.RunsPerCommit).ToList();
        var shares = workflows.Sum(workflow => workflow.Share);
        var result = new List<(string, List<string>)>();
        var assigned = 0;
        for (var w = 0; w < workflows.Count; w++)
        {
            var count = w == workflows.Count - 1
                ? shape.JobsPerCommit - assigned
                : Math.Max(1, shape.JobsPerCommit * workflows[w].Share / shares);
            assigned += count;
            result.Add((workflows[w].Name, [.. Enumerable.Range(0, count).Select(JobName)]));
        }

        return result;
    }

    /// <summary>Blocks of 12 per config: a build, then test shards of three suites.</summary>
    private static string JobName(int i)
    {
        var block = i / 12;
        var config = Configs[block % Configs.Length] + (block >= Configs.Length ? $"-v{block / Configs.Length}" : string.Empty);
        var slot = i % 12;
        if (slot == 0)
        {
            return $"{config} / build";
        }

        var suite = Suites[slot - 1];
        var shards = suite == "default" ? 5 : 3;
        var shard = suite == "default" ? slot : suite == "distributed" ? slot - 5 : slot - 8;
        return $"{config} / test ({suite}, {shard}, {shards}, linux.4xlarge)";
    }
}
