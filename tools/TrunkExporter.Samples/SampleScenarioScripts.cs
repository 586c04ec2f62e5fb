namespace TrunkExporter.Samples;

/// <summary>
/// The failures each scenario is about. Generated noise never fails an in-scope job on the newest
/// commits (see <see cref="SampleTrunkGenerator"/>), so these scripts alone decide every streak.
/// Later scripts win over earlier ones on the same run.
/// </summary>
internal static class SampleScenarioScripts
{
    /// <summary>Commits (0 = newest) on which the P1 runner outage fails every job on the broken runner type.</summary>
    public const int OutageOldestCommit = 5;

    public static IReadOnlyList<ScriptedRuns> For(SampleScenario scenario) => scenario switch
    {
        SampleScenario.P2 => Base,
        SampleScenario.P1 => [.. Base, .. RunnerOutage()],
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown sample scenario"),
    };

    private static IReadOnlyList<ScriptedRuns> Base { get; } =
    [
        // Alerting, streak 4: one shard of five fails, the other shards pass.
        new(SampleJobCatalog.CpuDefaultTests, 0, 3, ScriptedOutcome.Fail, Shard: 3),
        new(SampleJobCatalog.CpuDefaultTests, 4, 4, ScriptedOutcome.Pass),

        // Alerting, streak 3: still running on the two newest commits, and a re-run went green on one
        // commit, which still counts as a failure there.
        new(SampleJobCatalog.DistributedGpuTests, 0, 1, ScriptedOutcome.Pending),
        new(SampleJobCatalog.DistributedGpuTests, 2, 4, ScriptedOutcome.Fail, Shard: 2),
        new(SampleJobCatalog.DistributedGpuTests, 3, 3, ScriptedOutcome.FailThenPass, Shard: 2),
        new(SampleJobCatalog.DistributedGpuTests, 5, 5, ScriptedOutcome.Pass),

        // Distractors that must not count.
        new(SampleJobCatalog.DynamoWrappedTests, 0, 1, ScriptedOutcome.Fail, Shard: 2),
        new(SampleJobCatalog.DynamoWrappedTests, 2, 2, ScriptedOutcome.Pass),
        new(SampleJobCatalog.InductorTimmTests, 1, 10, ScriptedOutcome.Fail, Shard: 2),
        new(SampleJobCatalog.UnstableXpuTests, 1, 35, ScriptedOutcome.Fail, Shard: 4),
        new(SampleJobCatalog.MemLeakCheckTests, 1, 44, ScriptedOutcome.Fail, Shard: 1),
        new(SampleJobCatalog.RerunDisabledTests, 1, SampleTrunkGenerator.CommitCount - 1, ScriptedOutcome.Fail, Shard: 2),
    ];

    /// <summary>Every job on one runner type fails fast on the newest commits, in and out of scope alike.</summary>
    private static IEnumerable<ScriptedRuns> RunnerOutage() =>
        SampleJobCatalog.All
            .Where(job => job.LogicalName.Contains(SampleJobCatalog.BrokenRunner, StringComparison.Ordinal))
            .Select(job => new ScriptedRuns(job, 0, OutageOldestCommit, ScriptedOutcome.Fail));
}
