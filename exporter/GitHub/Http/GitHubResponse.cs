using System.Globalization;
using System.Text;

namespace TrunkExporter.GitHub.Http;

/// <summary>
/// One answer from GitHub, with its body read in full and the headers the client acts on.
/// <see cref="HeaderNote"/> says how an absurd Retry-After or reset was read, for the one-line message.
/// </summary>
internal sealed record GitHubResponse(
    int Status,
    ReadOnlyMemory<byte> Body,
    string? ETag,
    Uri? Next,
    RateLimitInfo? RateLimit,
    TimeSpan? RetryAfter,
    DateTimeOffset? Date,
    string? HeaderNote = null)
{
    public bool IsNotModified => Status == 304;

    /// <summary>The answer as the rules read it; the body must already be buffered (the counting handler does that inside each attempt).</summary>
    /// <param name="now">The exporter's clock, for an answer without a Date.</param>
    public static async Task<GitHubResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return From((int)response.StatusCode, name => GitHubHttp.Header(response, name), body, now);
    }

    /// <param name="now">The exporter's clock, for an answer without a Date.</param>
    public static GitHubResponse From(int status, Func<string, string?> header, ReadOnlyMemory<byte> body, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        var date = DateTimeOffset.TryParse(header("Date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedDate)
            ? parsedDate
            : (DateTimeOffset?)null;
        var rateLimit = RateLimitInfo.From(header, now);
        var retryAfter = RateLimitHeaders.RetryAfter(header("Retry-After"), date);
        return new GitHubResponse(
            status,
            body,
            header("ETag") is { Length: > 0 } etag ? etag.Trim() : null,
            LinkHeader.Next(header("Link")),
            rateLimit,
            retryAfter?.Wait,
            date,
            retryAfter?.Note ?? rateLimit?.Note);
    }

    /// <summary>Retry-After is seconds, or an HTTP date (measured from the answer's own Date when it has one); at most an hour.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset? date) => RateLimitHeaders.RetryAfter(value, date)?.Wait;

    /// <summary>GitHub's error message from a JSON error body, for one-line failure messages.</summary>
    public string? ErrorMessage()
    {
        if (Body.IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(Body);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == System.Text.Json.JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            var text = Encoding.UTF8.GetString(Body.Span[..Math.Min(Body.Length, 200)]).ReplaceLineEndings(" ");
            return text.Trim();
        }
    }
}
