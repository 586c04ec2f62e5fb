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

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "Published a partial state of {Repo} branch {Branch}: the newest {Commits} of {Window} commits, {BrokenCommits} consecutive broken (a lower bound); reading the rest")]
    public static partial void Partial(ILogger logger, string repo, string branch, int commits, int window, int brokenCommits);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information,
        Message = "Published the saved state of {Repo} branch {Branch}: {Commits} commits, read at {ReadAt:u}")]
    public static partial void Restored(ILogger logger, string repo, string branch, int commits, DateTimeOffset readAt);
}
