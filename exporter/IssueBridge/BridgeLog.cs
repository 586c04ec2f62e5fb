namespace TrunkExporter.IssueBridge;

internal static partial class BridgeLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "{Action} {Repository}#{Issue} for {Alert} {Fingerprint}: {Detail}")]
    public static partial void Acted(ILogger logger, string action, string repository, int issue, string alert, string fingerprint, string detail);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Ignored {Alert} {Fingerprint}: {Reason}")]
    public static partial void Ignored(ILogger logger, string alert, string fingerprint, string reason);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Could not apply {Alert} {Fingerprint} (Alertmanager will send it again): {Reason}")]
    public static partial void Failed(ILogger logger, string alert, string fingerprint, string reason);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "Refused a webhook request ({Status}): {Reason}")]
    public static partial void Refused(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "Could not reconcile with Alertmanager at {Url}: {Reason}")]
    public static partial void ReconcileFailed(ILogger logger, string url, string reason);
}
