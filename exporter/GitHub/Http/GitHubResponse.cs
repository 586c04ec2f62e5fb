using System.Globalization;
using System.Text;

namespace TrunkExporter.GitHub.Http;

/// <summary>One answer from GitHub, with its body read in full and the headers the client acts on.</summary>
internal sealed record GitHubResponse(
    int Status,
    ReadOnlyMemory<byte> Body,
    string? ETag,
    Uri? Next,
    RateLimitInfo? RateLimit,
    TimeSpan? RetryAfter,
    DateTimeOffset? Date)
{
    public bool IsNotModified => Status == 304;

    /// <summary>The answer as the rules read it; the body must already be buffered (the counting handler does that inside each attempt).</summary>
    public static async Task<GitHubResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return From((int)response.StatusCode, name => GitHubHttp.Header(response, name), body);
    }

    public static GitHubResponse From(int status, Func<string, string?> header, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(header);
        var date = DateTimeOffset.TryParse(header("Date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedDate)
            ? parsedDate
            : (DateTimeOffset?)null;
        return new GitHubResponse(
            status,
            body,
            header("ETag") is { Length: > 0 } etag ? etag.Trim() : null,
            LinkHeader.Next(header("Link")),
            RateLimitInfo.From(header),
            ParseRetryAfter(header("Retry-After"), date),
            date);
    }

    /// <summary>Retry-After is seconds, or an HTTP date (measured from the answer's own Date when it has one).</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset? date)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        return date is { } now && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
            ? until > now ? until - now : TimeSpan.Zero
            : null;
    }

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
