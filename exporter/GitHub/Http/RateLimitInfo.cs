using System.Globalization;

namespace TrunkExporter.GitHub.Http;

/// <summary>The x-ratelimit-* headers of one answer; GitHub spells their case both ways, so they are matched case-insensitively.</summary>
internal sealed record RateLimitInfo(string Resource, long Limit, long Remaining, long? Used, DateTimeOffset? Reset)
{
    public const string CoreResource = "core";

    /// <summary>Null when the answer carries no limit and remaining (an old or foreign server).</summary>
    public static RateLimitInfo? From(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (Number(header("x-ratelimit-limit")) is not { } limit || Number(header("x-ratelimit-remaining")) is not { } remaining)
        {
            return null;
        }

        var reset = Number(header("x-ratelimit-reset")) is { } epoch ? DateTimeOffset.FromUnixTimeSeconds(epoch) : (DateTimeOffset?)null;
        var resource = header("x-ratelimit-resource") is { Length: > 0 } name ? name.Trim() : CoreResource;
        return new RateLimitInfo(resource, limit, remaining, Number(header("x-ratelimit-used")), reset);
    }

    private static long? Number(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
