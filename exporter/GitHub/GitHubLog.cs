using Microsoft.Extensions.Logging;

namespace TrunkExporter.GitHub;

internal static partial class GitHubLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning,
        Message = "GitHub {Endpoint} request {Url} failed ({Outcome}); retry {Retry} of {MaxRetries} in {DelaySeconds:F1} s")]
    public static partial void Retrying(ILogger logger, string endpoint, string url, string outcome, int retry, int maxRetries, double delaySeconds);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning,
        Message = "Holding GitHub requests for {DelaySeconds:F0} s until {Until:u}: {Reason}")]
    public static partial void WaitingForRateLimit(ILogger logger, double delaySeconds, DateTimeOffset until, string reason);
}
