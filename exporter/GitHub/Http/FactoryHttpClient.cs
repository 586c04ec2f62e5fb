using System.Net;
using System.Text;
using Octokit;
using Octokit.Internal;

namespace TrunkExporter.GitHub.Http;

/// <summary>
/// Octokit's transport over the named <see cref="GitHubHttp.ClientName"/> HttpClient, so every Octokit
/// call goes through the one handler chain. Octokit's own HttpClientAdapter would add a 100-second
/// real-time cut-off per call (longer than no attempt, shorter than a rate-limit wait): here the
/// resilience handler owns every timeout, on TimeProvider.
/// </summary>
internal sealed class FactoryHttpClient(IHttpClientFactory clients) : IHttpClient
{
    public async Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(request.Method, new Uri(request.BaseAddress, request.Endpoint));
        foreach (var header in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        message.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", GitHubHttp.ApiVersion);
        if (request.Body is string body)
        {
            message.Content = new StringContent(body, Encoding.UTF8, request.ContentType ?? "application/json");
        }

        using var client = clients.CreateClient(GitHubHttp.ClientName);
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.NonValidated)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        // GitHub's REST answers are JSON; a recorded answer may have lost its Content-Type.
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "application/json";
        return new OctokitResponse(response.StatusCode, text, headers, mediaType);
    }

    public void SetRequestTimeout(TimeSpan timeout)
    {
        // The resilience handler's attempt and total timeouts apply instead.
    }

    public void Dispose()
    {
        // The factory owns the handlers.
    }

    private sealed class OctokitResponse : IResponse
    {
        public OctokitResponse(HttpStatusCode statusCode, string body, Dictionary<string, string> headers, string contentType)
        {
            StatusCode = statusCode;
            Body = body;
            Headers = headers;
            ContentType = contentType;
            var links = new Dictionary<string, Uri>(StringComparer.Ordinal);
            if (LinkHeader.Next(headers.GetValueOrDefault("Link")) is { } next)
            {
                links["next"] = next;
            }

            ApiInfo = new ApiInfo(links, [], [], headers.GetValueOrDefault("ETag"), new RateLimit(headers));
        }

        public object Body { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        public ApiInfo ApiInfo { get; }

        public HttpStatusCode StatusCode { get; }

        public string ContentType { get; }
    }
}
