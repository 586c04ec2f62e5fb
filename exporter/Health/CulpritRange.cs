namespace TrunkExporter.Health;

/// <summary>
/// The commits that may have broken a job (issue 14): the first failing commit of its streak and every
/// older commit down to the last one on which the job passed, exclusive. The older ones have no result
/// for the job (no CI, pending, cancelled): several commits pushed at once (ghstack) run CI only on the
/// newest, so the real culprit can hide just before the first failure.
/// </summary>
/// <param name="Commits">Newest first; the first is the streak's first failing commit (the culprit candidate).</param>
/// <param name="LastGreenSha">The newest older commit on which the job passed; null when the window ends first, so the range may go on.</param>
internal sealed record CulpritRange(IReadOnlyList<CommitHealth> Commits, string? LastGreenSha)
{
    public CommitHealth FirstFailing => Commits[0];

    /// <summary>Whether the range is one commit with a known green parent: the culprit is certain, as far as CI can tell.</summary>
    public bool IsSingleCommit => Commits.Count == 1 && LastGreenSha is not null;
}
