namespace TrunkExporter.Snapshots;

internal static class SnapshotTimeShift
{
    /// <summary>Moves every time by the same amount so that the newest commit happened at <paramref name="now"/>.</summary>
    public static TrunkSnapshot NewestCommitAt(TrunkSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Commits.Count == 0)
        {
            return snapshot with { CapturedAt = now };
        }

        var shift = now - snapshot.Commits.Max(commit => commit.Time);
        return snapshot with
        {
            CapturedAt = snapshot.CapturedAt + shift,
            Commits = snapshot.Commits.Select(commit => commit with { Time = commit.Time + shift }).ToArray(),
        };
    }
}
