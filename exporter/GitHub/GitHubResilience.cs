using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace TrunkExporter.GitHub;

/// <summary>
/// The resilience pipeline of one GitHub request: a total timeout around a bounded retry around an
/// attempt timeout. 5xx, timeouts and connection errors back off exponentially with jitter; rate-limit
/// answers wait as GitHub documents (<see cref="GitHubRetryRules"/>) unless the wait is longer than
/// <see cref="GitHubOptions.MaxRateLimitWait"/>. Other 4xx (401, 404, ...) are never retried.
/// </summary>
internal static class GitHubResilience
{
    public static ResiliencePipeline<GitHubResponse> Build(GitHubOptions options, RateLimitTracker rateLimits, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<GitHubResponse> { TimeProvider = time }
            .AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<GitHubResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRateLimitWait,
                ShouldHandle = arguments => ValueTask.FromResult(ShouldRetry(arguments.Outcome, arguments.AttemptNumber, options, time)),
                DelayGenerator = arguments => ValueTask.FromResult(
                    arguments.Outcome.Result is { } response && GitHubRetryRules.IsRateLimited(response)
                        ? GitHubRetryRules.RateLimitDelay(response, arguments.AttemptNumber, time.GetUtcNow(), options.SecondaryRateLimitWait)
                        : (TimeSpan?)null),
                OnRetry = arguments =>
                {
                    if (arguments.Outcome.Result is { } response && GitHubRetryRules.IsRateLimited(response))
                    {
                        // Other repositories share the token: hold their requests for the same time.
                        rateLimits.BlockUntil(time.GetUtcNow() + arguments.RetryDelay);
                    }

                    var request = arguments.Context.Properties.GetValue(RequestKey, default);
                    GitHubLog.Retrying(logger, request.Endpoint.Label(), request.Url?.ToString() ?? "?", Describe(arguments.Outcome),
                        arguments.AttemptNumber + 1, options.MaxRetries, arguments.RetryDelay.TotalSeconds);
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }

    public static readonly ResiliencePropertyKey<GitHubRequest> RequestKey = new("trunk-exporter.github-request");

    private static bool ShouldRetry(Outcome<GitHubResponse> outcome, int attempt, GitHubOptions options, TimeProvider time)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or IOException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (GitHubRetryRules.IsRateLimited(response))
        {
            return GitHubRetryRules.RateLimitDelay(response, attempt, time.GetUtcNow(), options.SecondaryRateLimitWait) <= options.MaxRateLimitWait;
        }

        return GitHubRetryRules.IsTransient(response);
    }

    private static string Describe(Outcome<GitHubResponse> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "no answer in time",
        { } exception => exception.Message,
        null => $"HTTP {outcome.Result!.Status}",
    };
}

/// <summary>What a pipeline execution is fetching, for retry log lines.</summary>
internal readonly record struct GitHubRequest(GitHubEndpoint Endpoint, Uri? Url);
