using Microsoft.Extensions.Logging;

namespace TrunkExporter.GitHub.Reading;

internal static partial class CacheLog
{
    [LoggerMessage(EventId = 320, Level = LogLevel.Warning,
        Message = "Not using the cache {Path} for {Repo} branch {Branch}: {Reason}; starting cold (the next refresh reads the window from GitHub)")]
    public static partial void NotUsed(ILogger logger, string path, string repo, string branch, string reason);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information,
        Message = "Loaded the cache {Path} for {Repo} branch {Branch}: {Commits} commits read at {CapturedAt:u}, {Bytes} bytes")]
    public static partial void Loaded(ILogger logger, string path, string repo, string branch, int commits, DateTimeOffset capturedAt, long bytes);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning,
        Message = "Could not save the cache {Path} for {Repo} branch {Branch}: {Reason}; the exporter goes on, and a restart will start cold")]
    public static partial void NotSaved(ILogger logger, string path, string repo, string branch, string reason);
}
