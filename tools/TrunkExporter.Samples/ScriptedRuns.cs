namespace TrunkExporter.Samples;

/// <summary>
/// Forces <paramref name="Outcome"/> onto one job's runs on the commits
/// <paramref name="NewestCommit"/> to <paramref name="OldestCommit"/> (indices, 0 = newest).
/// </summary>
/// <param name="Shard">1-based shard to script, or null for every shard.</param>
internal sealed record ScriptedRuns(
    SampleJobDefinition Job,
    int NewestCommit,
    int OldestCommit,
    ScriptedOutcome Outcome,
    int? Shard = null)
{
    public bool Covers(SampleJobDefinition job, int commit, int shard) =>
        ReferenceEquals(job, Job) && commit >= NewestCommit && commit <= OldestCommit && (Shard is null || Shard == shard);
}
