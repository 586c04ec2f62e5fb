using Microsoft.Extensions.Options;
using Polly.Timeout;
using TrunkExporter.GitHub.Http;

namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// The outermost handler. Before a request: holds it while its credential is blocked or at the
/// reserve, or fails it at once when the wait is longer than <see cref="GitHubOptions.MaxRateLimitWait"/>.
/// After: records the answer's rate limits (a replayed 304 carries fresh ones) and turns any answer
/// but a success, after the resilience handler's retries, into one <see cref="GitHubException"/> line.
/// </summary>
internal sealed class RateLimitGovernor(RateLimitTracker rateLimits, IOptions<GitHubOptions> options, TimeProvider time, ILogger<RateLimitGovernor> logger) : DelegatingHandler
{
    private readonly GitHubOptions _options = options.Value;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var credential = CredentialKey.Of(request);
        await WaitForRateLimitAsync(credential, cancellationToken).ConfigureAwait(false);

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

            // The App's own JWT requests (credential null) have limits the exporter does not spend or show.
            if (credential is not null && RateLimitInfo.From(name => GitHubHttp.Header(response, name), time.GetUtcNow()) is { } rateLimit)
            {
                rateLimits.Observe(rateLimit, credential);
            }
        }
        catch (Exception ex) when (GitHubFailures.FromException(ex, request, _options, cancellationToken) is { } failure)
        {
            throw failure;
        }
        finally
        {
            if (credential is not null)
            {
                rateLimits.End(credential);
            }
        }

        if ((int)response.StatusCode is >= 200 and < 300)
        {
            return response;
        }

        using var failed = response;
        var read = await GitHubResponse.ReadAsync(response, cancellationToken, time.GetUtcNow()).ConfigureAwait(false);
        if (GitHubRetryRules.IsRateLimited(read))
        {
            var now = time.GetUtcNow();
            var until = now + GitHubRetryRules.RateLimitDelay(read, 0, now, _options.SecondaryRateLimitWait);
            if (credential is not null)
            {
                rateLimits.BlockUntil(until, credential);
            }

            throw GitHubFailures.RateLimited(read, until);
        }

        throw GitHubFailures.FromAnswer(read, request, _options);
    }

    private async Task WaitForRateLimitAsync(string? credential, CancellationToken cancellationToken)
    {
        if (credential is null)
        {
            return;
        }

        // Until the request may go: then it counts as in flight (ended in SendAsync's finally).
        while (rateLimits.TryBegin(_options.RateLimitReserve, credential) is { } wait)
        {
            if (wait.Wait > _options.MaxRateLimitWait)
            {
                throw new GitHubException(GitHubFailure.RateLimited,
                    $"GitHub rate limit: {wait.Reason}; no requests until {wait.Until:u}, the refresh resumes after it (refresh less often or use a token with a higher limit)");
            }

            GitHubLog.WaitingForRateLimit(logger, wait.Wait.TotalSeconds, wait.Until, wait.Reason);
            await Task.Delay(wait.Wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Kept so that a caller can tell Polly's timeouts from its own cancellation.</summary>
    internal static bool IsTimeout(Exception exception, CancellationToken cancellationToken) =>
        exception is TimeoutRejectedException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
