using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using TrunkExporter.Metrics;

namespace TrunkExporter.GitHub;

/// <summary>
/// Sends one GET to GitHub through the resilience pipeline, with GitHub's headers and, when a cached
/// ETag is given, If-None-Match. Counts every attempt and records the rate-limit headers of every
/// answer. Returns 200 and 304 answers; turns everything else into a one-line <see cref="GitHubException"/>.
/// </summary>
internal sealed class GitHubHttp
{
    public const string HttpClientName = "GitHub";
    public const string ApiVersion = "2022-11-28";
    public const string MediaType = "application/vnd.github+json";

    private readonly IHttpClientFactory _clients;
    private readonly GitHubOptions _options;
    private readonly RateLimitTracker _rateLimits;
    private readonly GitHubSelfMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<GitHubHttp> _logger;
    private readonly ResiliencePipeline<GitHubResponse> _pipeline;

    public GitHubHttp(
        IHttpClientFactory clients,
        IOptions<GitHubOptions> options,
        RateLimitTracker rateLimits,
        GitHubSelfMetrics metrics,
        TimeProvider time,
        ILogger<GitHubHttp> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _options = options.Value;
        _rateLimits = rateLimits;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _pipeline = GitHubResilience.Build(_options, rateLimits, time, logger);
        ApiBase = new Uri(_options.ApiBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
    }

    public static string UserAgent { get; } = $"trunk-exporter/{BuildInfo.Version}";

    /// <summary>The API root with a trailing slash, so relative paths keep /api/v3 on GitHub Enterprise Server.</summary>
    public Uri ApiBase { get; }

    public async Task<GitHubResponse> GetAsync(GitHubEndpoint endpoint, Uri url, string? etag, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        await WaitForRateLimitAsync(cancellationToken).ConfigureAwait(false);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(GitHubResilience.RequestKey, new GitHubRequest(endpoint, url));
        Outcome<GitHubResponse> outcome;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(
                async (attemptContext, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await SendOnceAsync(state, attemptContext.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !state.Caller.IsCancellationRequested)
                    {
                        return Outcome.FromException<GitHubResponse>(ex);
                    }
                },
                context,
                new Attempt(endpoint, url, etag, token, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is { } exception)
        {
            throw Translate(exception, endpoint, url, cancellationToken);
        }

        var response = outcome.Result!;
        return response.Status is 200 or 304 ? response : throw Failure(response, url);
    }

    private async Task WaitForRateLimitAsync(CancellationToken cancellationToken)
    {
        if (_rateLimits.RequiredWait(_options.RateLimitReserve) is not { } wait)
        {
            return;
        }

        if (wait.Wait > _options.MaxRateLimitWait)
        {
            throw new GitHubException(GitHubFailure.RateLimited,
                $"GitHub rate limit: {wait.Reason}; no requests until {wait.Until:u}, the refresh resumes after it (refresh less often or use a token with a higher limit)");
        }

        GitHubLog.WaitingForRateLimit(_logger, wait.Wait.TotalSeconds, wait.Until, wait.Reason);
        await Task.Delay(wait.Wait, _time, cancellationToken).ConfigureAwait(false);
    }

    private async Task<GitHubResponse> SendOnceAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, attempt.Url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", ApiVersion);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", attempt.Token);
        if (attempt.ETag is not null)
        {
            // Echoed byte for byte, weak validator included: GitHub compares the exact string.
            request.Headers.TryAddWithoutValidation("If-None-Match", attempt.ETag);
        }

        try
        {
            var client = _clients.CreateClient(HttpClientName);
            using var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await answer.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

            // Counted before the headers are read, so that no header, however absurd, leaves an answer uncounted.
            _metrics.CountRequest(attempt.Endpoint, ((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var response = GitHubResponse.From((int)answer.StatusCode, name => Header(answer, name), body, _time.GetUtcNow());
            if (response.RateLimit is { } rateLimit)
            {
                _rateLimits.Observe(rateLimit);
            }

            return response;
        }
        catch (OperationCanceledException) when (!attempt.Caller.IsCancellationRequested)
        {
            _metrics.CountRequest(attempt.Endpoint, GitHubSelfMetrics.TimeoutCode);
            throw;
        }
        catch (GitHubException ex) when (ex.Failure == GitHubFailure.ResponseTooLarge)
        {
            _metrics.CountRequest(attempt.Endpoint, GitHubSelfMetrics.TooLargeCode);
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            _metrics.CountRequest(attempt.Endpoint, GitHubSelfMetrics.ErrorCode);
            throw;
        }
    }

    private static string? Header(HttpResponseMessage answer, string name) =>
        answer.Headers.NonValidated.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private Exception Translate(Exception exception, GitHubEndpoint endpoint, Uri url, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => exception,
        TimeoutRejectedException or OperationCanceledException => new GitHubException(GitHubFailure.Timeout,
            $"GitHub did not answer GET {url} in time (TrunkExporter:GitHub:RequestTimeout {_options.RequestTimeout}, TotalTimeout {_options.TotalTimeout}, {_options.MaxRetries} retries); will try again on the next refresh",
            exception),
        HttpRequestException or IOException => new GitHubException(GitHubFailure.Unreachable,
            $"cannot reach GitHub for {endpoint.Label()} at {url.GetLeftPart(UriPartial.Authority)} after {_options.MaxRetries} retries ({exception.Message}); check TrunkExporter:GitHub:ApiBaseUrl and the network",
            exception),
        _ => exception,
    };

    private GitHubException Failure(GitHubResponse response, Uri url)
    {
        var detail = response.ErrorMessage() is { Length: > 0 } message ? $" \"{message}\"" : string.Empty;
        return response.Status switch
        {
            401 => new GitHubException(GitHubFailure.Unauthorized,
                $"GitHub rejected the token (401{detail}): set GITHUB_TOKEN or TrunkExporter:GitHub:TokenFile to a valid token with read access to the repository's Actions"),
            403 or 429 when GitHubRetryRules.IsRateLimited(response) => RateLimited(response, detail),
            403 => new GitHubException(GitHubFailure.Forbidden,
                $"GitHub refused GET {url} (403{detail}): give the token read access to the repository's contents and Actions"),
            404 => new GitHubException(GitHubFailure.NotFound,
                $"GitHub found nothing at GET {url} (404{detail}): check the repository and branch names, and that the token can see the repository"),
            >= 500 => new GitHubException(GitHubFailure.ServerError,
                $"GitHub answered {response.Status}{detail} to GET {url} after {_options.MaxRetries} retries; will try again on the next refresh"),
            _ => new GitHubException(GitHubFailure.UnexpectedStatus,
                $"GitHub answered {response.Status}{detail} to GET {url}, which the exporter does not expect"),
        };
    }

    private GitHubException RateLimited(GitHubResponse response, string detail)
    {
        var until = _time.GetUtcNow() + GitHubRetryRules.RateLimitDelay(response, 0, _time.GetUtcNow(), _options.SecondaryRateLimitWait);
        _rateLimits.BlockUntil(until);
        var note = response.HeaderNote is { } header ? $" ({header})" : string.Empty;
        return new GitHubException(GitHubFailure.RateLimited,
            $"GitHub rate limit ({response.Status}{detail}): no requests until {until:u}{note}, the refresh resumes after it (refresh less often or use a token with a higher limit)");
    }

    private readonly record struct Attempt(GitHubEndpoint Endpoint, Uri Url, string? ETag, string Token, CancellationToken Caller);
}
