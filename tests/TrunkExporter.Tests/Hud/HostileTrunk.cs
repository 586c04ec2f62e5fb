using TrunkExporter.Snapshots;

namespace TrunkExporter.Tests.Hud;

/// <summary>A trunk whose every text tries to become markup or script on the HUD page.</summary>
internal static class HostileTrunk
{
    public const string Repo = "evil/hostile";
    public const string Title = """<script>window.__pwned='title';document.title='pwned'</script><img src=x onerror="window.__pwned='img'"> & "quotes" 'too'""";
    public const string Author = "\"><script>window.__pwned='author'</script>";
    public const string QuotedJob = """build "quoted", 'single', a,b / test""";
    public const string TagJob = """</th><script>window.__pwned='job'</script><th>""";
    public const string ScriptUrl = "javascript:window.__pwned='url'";
    public const string AmpersandUrl = """https://example.test/log?a=1&b="2"&c=<3>""";

    public static string Sha(int index) => $"{index:x2}".PadRight(40, 'c');

    /// <summary>Both hostile jobs fail on the four newest commits and pass on the fifth; the newest has the hostile title and author.</summary>
    public static TrunkSnapshot Snapshot()
    {
        var newest = new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero);
        var commits = Enumerable.Range(0, 5).Select(i => new SnapshotCommit(
            Sha(i),
            newest.AddMinutes(-10 * i),
            i == 4
                ? [new SnapshotJob("pull", QuotedJob, "completed", "success"), new SnapshotJob("pull", TagJob, "completed", "success")]
                : [new SnapshotJob("pull", QuotedJob, "completed", "failure", 1, i == 0 ? AmpersandUrl : null), new SnapshotJob("pull", TagJob, "completed", "failure", 1, ScriptUrl)],
            Title: i == 0 ? Title : $"Commit {i}",
            Author: i == 0 ? Author : "octocat",
            Pr: 100 + i)).ToArray();
        return new TrunkSnapshot(Repo, "main", newest, commits);
    }
}
