using System.Globalization;

namespace TrunkExporter.GitHub.Http;

/// <summary>
/// The innermost handler: counts every attempt for trunk_exporter_github_requests_total (a 304 as
/// 304, before it is replayed as a 200) and reads the body in full, so a connection cut mid-body
/// fails this attempt (and is retried) and the attempt timeout covers the body too.
/// </summary>
internal sealed class CountingHandler(GitHubSelfMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = GitHubEndpointNames.Of(request.RequestUri);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            response?.Dispose();
            metrics.CountRequest(endpoint, GitHubSelfMetrics.TimeoutCode);
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            response?.Dispose();
            metrics.CountRequest(endpoint, GitHubSelfMetrics.ErrorCode);
            throw;
        }

        metrics.CountRequest(endpoint, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        return response;
    }
}
