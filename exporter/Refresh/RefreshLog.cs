using Microsoft.Extensions.Logging;

namespace TrunkExporter.Refresh;

internal static partial class RefreshLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Refreshed {Repo} branch {Branch}: {Commits} commits in the window, {BrokenCommits} consecutive broken, in {ElapsedMs:F0} ms")]
    public static partial void Refreshed(ILogger logger, string repo, string branch, int commits, int brokenCommits, double elapsedMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error,
        Message = "Refresh of {Repo} branch {Branch} failed, keeping the last good state: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string repo, string branch, string reason);
}
