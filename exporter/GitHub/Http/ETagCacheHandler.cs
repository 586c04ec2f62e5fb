using System.Net;
using System.Net.Http.Headers;

namespace TrunkExporter.GitHub.Http;

/// <summary>
/// Conditional requests for every GET: sends the confirmed answer's ETag as If-None-Match and turns
/// GitHub's 304 (which costs no rate limit) into that answer's 200, carrying the 304's own headers
/// (fresh x-ratelimit-*, Date) and <see cref="RevalidatedHeader"/>, so callers see one shape of
/// answer and the rate-limit view stays current. Octokit's CachingHttpClient would replay the stale
/// rate-limit headers of the first answer.
/// </summary>
internal sealed class ETagCacheHandler(ETagCache cache) : DelegatingHandler
{
    /// <summary>Set on a 200 rebuilt from a 304: nothing changed since the confirmed answer.</summary>
    public const string RevalidatedHeader = "X-Trunk-Exporter-Revalidated";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != HttpMethod.Get || request.RequestUri is not { } url)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var known = cache.Confirmed(url);
        if (known is not null)
        {
            // Echoed byte for byte, weak validator included: GitHub compares the exact string.
            request.Headers.TryAddWithoutValidation("If-None-Match", known.ETag);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified && known is not null)
        {
            using (response)
            {
                return Replay(known, response, request);
            }
        }

        if (response.StatusCode == HttpStatusCode.OK && GitHubHttp.Header(response, "ETag") is { Length: > 0 } etag)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            cache.Offer(url, etag.Trim(), GitHubHttp.Header(response, "Link"), response.Content.Headers.ContentType?.MediaType, body);
        }

        return response;
    }

    private static HttpResponseMessage Replay(CachedAnswer known, HttpResponseMessage notModified, HttpRequestMessage request)
    {
        var replay = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(known.Body()),
        };
        replay.Content.Headers.ContentType = new MediaTypeHeaderValue(known.MediaType ?? "application/json");
        foreach (var header in notModified.Headers.NonValidated)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (!replay.Headers.NonValidated.Contains("Link") && known.Link is not null)
        {
            replay.Headers.TryAddWithoutValidation("Link", known.Link);
        }

        if (!replay.Headers.NonValidated.Contains("ETag"))
        {
            replay.Headers.TryAddWithoutValidation("ETag", known.ETag);
        }

        replay.Headers.TryAddWithoutValidation(RevalidatedHeader, "true");
        return replay;
    }
}
