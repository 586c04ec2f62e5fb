using System.Collections.Concurrent;
using TrunkExporter.Configuration;
using TrunkExporter.Core;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Sources;

/// <summary>
/// Serves a repository from a snapshot file. The file is parsed again only when its size or
/// modification time changes, so a scenario can be driven by rewriting the file. Only a regular file of
/// at most <paramref name="maxBytes"/> is read (<c>TrunkExporter:MaxSnapshotBytes</c>).
/// </summary>
internal sealed class ReplaySource(TimeProvider time, long maxBytes = ExporterOptions.DefaultMaxSnapshotBytes) : ITrunkSource
{
    private readonly ConcurrentDictionary<string, (DateTime Modified, long Length, TrunkSnapshot Snapshot)> _loaded = new();

    public bool Serves(BranchTarget target) => target?.ReplayFile is not null;

    public Task<TrunkSnapshot> LoadAsync(BranchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var path = target.ReplayFile!;
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new SnapshotFormatException(path, "$", "does not exist any more");
        }

        var snapshot = _loaded.TryGetValue(path, out var cached)
            && cached.Modified == file.LastWriteTimeUtc && cached.Length == file.Length
            ? cached.Snapshot
            : Reload(path, file);

        if (new BranchKey(snapshot.Repo, snapshot.Branch) != target.Key)
        {
            throw new SnapshotFormatException(path, "$.repo", $"describes {snapshot.Repo} branch {snapshot.Branch}, but it is configured for {target.Repo} branch {target.Branch}");
        }

        // GitHub names are case-insensitive, but Prometheus labels are not: every series must carry the
        // configured spelling, or the trunk series would not join trunk_repo_info and no alert could fire.
        snapshot = snapshot with { Repo = target.Repo };
        return Task.FromResult(target.ShiftTimesToNow ? SnapshotTimeShift.NewestCommitAt(snapshot, time.GetUtcNow()) : snapshot);
    }

    private TrunkSnapshot Reload(string path, FileInfo file)
    {
        var snapshot = SnapshotReader.ReadFile(path, maxBytes);
        _loaded[path] = (file.LastWriteTimeUtc, file.Length, snapshot);
        return snapshot;
    }
}
