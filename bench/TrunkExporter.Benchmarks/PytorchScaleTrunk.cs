using System.Globalization;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Benchmarks;

/// <summary>
/// A PyTorch-scale window for timing: <c>commits</c> commits of <c>jobsPerCommit</c> job runs, most of
/// them test shards (so folding is exercised), ~1 % failures, some pending and re-run attempts,
/// and a share of out-of-scope workflows. Seeded, so every run measures the same data.
/// </summary>
internal static class PytorchScaleTrunk
{
    public static TrunkSnapshot Create(int commits = 100, int jobsPerCommit = 1500, int seed = 7)
    {
        var random = new Random(seed);
        var names = JobNames(jobsPerCommit);
        var newest = new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero);
        var list = new List<SnapshotCommit>(commits);
        for (var c = 0; c < commits; c++)
        {
            var jobs = new List<SnapshotJob>(jobsPerCommit);
            foreach (var (workflow, name) in names)
            {
                var roll = random.NextDouble();
                jobs.Add(c < 2 && roll < 0.3 ? new SnapshotJob(workflow, name, "in_progress")
                    : roll < 0.01 ? new SnapshotJob(workflow, name, "completed", "failure", 1, $"https://github.com/pytorch/pytorch/actions/runs/{c}/job/{jobs.Count}")
                    : roll < 0.02 ? new SnapshotJob(workflow, name, "completed", "cancelled")
                    : new SnapshotJob(workflow, name, "completed", "success", roll < 0.03 ? 2 : 1));
            }

            list.Add(new SnapshotCommit($"{c:x8}".PadRight(40, '0'), newest.AddMinutes(-15 * c), jobs, $"Change {c} (#{150000 - c})", "octocat", 150000 - c));
        }

        return new TrunkSnapshot("pytorch/pytorch", "main", newest, list);
    }

    private static List<(string Workflow, string Name)> JobNames(int count)
    {
        string[] workflows = ["pull", "trunk", "linux-binary-manywheel", "inductor", "periodic"];
        string[] suites = ["default", "distributed", "crossref", "dynamo_wrapped", "inductor", "slow"];
        var names = new List<(string, string)>(count);
        for (var config = 0; names.Count < count; config++)
        {
            var workflow = workflows[config % workflows.Length];
            var build = $"linux-jammy-py3.{10 + (config % 4)}-gcc11-cfg{config}";
            names.Add((workflow, $"{build} / build"));
            var suite = suites[config % suites.Length];
            for (var shard = 1; shard <= 8 && names.Count < count; shard++)
            {
                names.Add((workflow, string.Create(CultureInfo.InvariantCulture, $"{build} / test ({suite}, {shard}, 8, linux.4xlarge)")));
            }
        }

        return names;
    }
}
