using System.Globalization;

namespace TrunkExporter.GitHub.Http;

/// <summary>
/// Reads GitHub's wait headers (<c>Retry-After</c>, <c>x-ratelimit-reset</c>) within what GitHub can mean.
/// Its rate-limit window is an hour, so a wait further ahead (a broken proxy, a corrupted header, a number
/// beyond any clock) is not a real one: it is taken as an hour and carries a note for the one-line message,
/// instead of an overflow exception that would fail the refresh with .NET's words and leave the request uncounted.
/// </summary>
internal static class RateLimitHeaders
{
    /// <summary>The longest wait GitHub can ask for: its rate-limit window.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>Clock skew allowed before a reset counts as beyond the window.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Retry-After is seconds, or an HTTP date measured from the answer's own Date (null without one).
    /// Null when absent or unreadable; negative waits are no wait.
    /// </summary>
    public static HeaderWait? RetryAfter(string? value, DateTimeOffset? date)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (IsInteger(text))
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                return text.StartsWith('-') ? new HeaderWait(TimeSpan.Zero, null) : Absurd("Retry-After", text);
            }

            return seconds <= 0 ? new HeaderWait(TimeSpan.Zero, null)
                : seconds > LongestWait.TotalSeconds ? Absurd("Retry-After", text)
                : new HeaderWait(TimeSpan.FromSeconds(seconds), null);
        }

        // An HTTP date is IMF-fixdate ("Thu, 01 Jan 2026 12:01:30 GMT"); a lenient parse would read "1.5" as January 5th.
        if (date is not { } now || !DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until))
        {
            return null;
        }

        return until <= now ? new HeaderWait(TimeSpan.Zero, null)
            : until - now > LongestWait ? Absurd("Retry-After", text)
            : new HeaderWait(until - now, null);
    }

    /// <summary>
    /// x-ratelimit-reset, in epoch seconds. Null when absent or not a number. A reset more than an hour
    /// (and some skew) after <paramref name="reference"/> (the answer's Date, else the exporter's clock)
    /// is taken as an hour after it; one before the epoch as the reference itself.
    /// </summary>
    public static HeaderTime? Reset(string? value, DateTimeOffset? reference)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || !IsInteger(text))
        {
            return null;
        }

        var now = reference ?? DateTimeOffset.UnixEpoch;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch) || epoch < 0)
        {
            return text.StartsWith('-')
                ? new HeaderTime(now, Note("x-ratelimit-reset", text, "before 1970", "the answer's time"))
                : new HeaderTime(now + LongestWait, Note("x-ratelimit-reset", text, "beyond GitHub's one-hour window", "an hour from now"));
        }

        var latest = reference is { } known ? known + LongestWait + Skew : DateTimeOffset.MaxValue;
        if (epoch > DateTimeOffset.MaxValue.ToUnixTimeSeconds() || DateTimeOffset.FromUnixTimeSeconds(epoch) > latest)
        {
            return new HeaderTime(now + LongestWait, Note("x-ratelimit-reset", text, "beyond GitHub's one-hour window", "an hour from now"));
        }

        return new HeaderTime(DateTimeOffset.FromUnixTimeSeconds(epoch), null);
    }

    /// <summary>A wait multiplied for a later attempt, saturating instead of overflowing.</summary>
    public static TimeSpan Times(TimeSpan wait, double factor)
    {
        var ticks = wait.Ticks * factor;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }

    private static bool IsInteger(string text)
    {
        var digits = text.AsSpan(text[0] is '-' or '+' ? 1 : 0);
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static HeaderWait Absurd(string header, string text) =>
        new(LongestWait, Note(header, text, "beyond GitHub's one-hour window", "an hour"));

    private static string Note(string header, string text, string problem, string taken) =>
        $"{header} '{(text.Length > 40 ? text[..40] + "..." : text)}' is {problem}, taken as {taken}";
}

/// <summary>A wait from a header; <see cref="Note"/> says how an absurd value was read, for the message.</summary>
internal sealed record HeaderWait(TimeSpan Wait, string? Note);

/// <summary>A time from a header; <see cref="Note"/> says how an absurd value was read, for the message.</summary>
internal sealed record HeaderTime(DateTimeOffset Time, string? Note);
