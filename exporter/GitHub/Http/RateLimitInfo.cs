using System.Globalization;

namespace TrunkExporter.GitHub.Http;

/// <summary>
/// The x-ratelimit-* headers of one answer; GitHub spells their case both ways, so they are matched case-insensitively.
/// <see cref="Note"/> says how an absurd reset was read (see <see cref="RateLimitHeaders"/>).
/// </summary>
internal sealed record RateLimitInfo(string Resource, long Limit, long Remaining, long? Used, DateTimeOffset? Reset, string? Note = null)
{
    public const string CoreResource = "core";

    /// <summary>Null when the answer carries no limit and remaining (an old or foreign server).</summary>
    /// <param name="now">The exporter's clock: what an absurd reset is measured from when the answer has no Date.</param>
    public static RateLimitInfo? From(Func<string, string?> header, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        var reference = DateTimeOffset.TryParse(header("Date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : now;
        if (Number(header("x-ratelimit-limit")) is not { } limit || Number(header("x-ratelimit-remaining")) is not { } remaining)
        {
            return null;
        }

        var reset = RateLimitHeaders.Reset(header("x-ratelimit-reset"), reference);
        var resource = header("x-ratelimit-resource") is { Length: > 0 } name ? name.Trim() : CoreResource;
        return new RateLimitInfo(resource, limit, remaining, Number(header("x-ratelimit-used")), reset?.Time, reset?.Note);
    }

    private static long? Number(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
