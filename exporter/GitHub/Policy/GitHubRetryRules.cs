using System.Text;
using TrunkExporter.GitHub.Http;

namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// The rate-limit and retry decisions, in one place: which answers are worth another attempt, how long
/// to wait first, and when the reserve is reached. Rate limits follow GitHub's
/// documented order: Retry-After; else, when the limit is exhausted, its reset time; else at least a
/// minute; and the wait doubles on every further attempt.
/// </summary>
internal static class GitHubRetryRules
{
    public static bool IsRateLimited(GitHubResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Status == 429
            || (response.Status == 403 && (response.RetryAfter is not null || response.RateLimit?.Remaining == 0 || MentionsRateLimit(response)));
    }

    /// <summary>Whether the core limit is down to the reserve, capped at half the limit so that a small token still works.</summary>
    public static bool ReserveReached(RateLimitInfo core, int reserve)
    {
        ArgumentNullException.ThrowIfNull(core);
        return core.Remaining <= Math.Min(reserve, core.Limit / 2);
    }

    /// <summary>5xx answers: GitHub's own trouble, usually brief.</summary>
    public static bool IsTransient(GitHubResponse response) => response?.Status >= 500;

    /// <param name="attempt">0 for the first retry.</param>
    public static TimeSpan RateLimitDelay(GitHubResponse response, int attempt, DateTimeOffset now, TimeSpan secondaryRateLimitWait)
    {
        ArgumentNullException.ThrowIfNull(response);
        var first = response.RetryAfter
            ?? (response.RateLimit is { Remaining: 0, Reset: { } reset }
                ? Until(reset, response.Date ?? now)
                : secondaryRateLimitWait);
        return first * Math.Pow(2, Math.Clamp(attempt, 0, 16));
    }

    /// <summary>Waits for a reset measured on GitHub's clock when the answer has a Date, plus a second for the epoch's rounding.</summary>
    private static TimeSpan Until(DateTimeOffset reset, DateTimeOffset now) =>
        (reset > now ? reset - now : TimeSpan.Zero) + TimeSpan.FromSeconds(1);

    private static bool MentionsRateLimit(GitHubResponse response)
    {
        if (response.Body.IsEmpty)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(response.Body.Span[..Math.Min(response.Body.Length, 4096)]);
        return text.Contains("rate limit", StringComparison.OrdinalIgnoreCase)
            || text.Contains("abuse", StringComparison.OrdinalIgnoreCase);
    }
}
