using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TrunkExporter.GitHub.Http;

namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// The resilience handler's pipeline: a total timeout around a bounded retry around an attempt
/// timeout, all on the TimeProvider. 5xx, timeouts and connection errors back off exponentially with
/// jitter; rate-limit answers wait as GitHub documents (<see cref="GitHubRetryRules"/>) unless the
/// wait is longer than <see cref="GitHubOptions.MaxRateLimitWait"/>. Other 4xx (401, 404, ...) are
/// never retried. A content-creating write (a new issue or comment) is retried only after a rate-limit
/// answer, which GitHub gives before doing anything: after a 5xx or a timeout it may have taken effect,
/// and its caller must look before writing again.
/// </summary>
internal static class GitHubResilience
{
    public const string PipelineName = "github";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, GitHubOptions options, RateLimitTracker rateLimits, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.TimeProvider = time;
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRateLimitWait,
                ShouldHandle = async arguments => await ShouldRetryAsync(arguments.Outcome, arguments.AttemptNumber, options, time, arguments.Context.CancellationToken).ConfigureAwait(false)
                    && (arguments.Context.GetRequestMessage() is not { } sent || !ContentCreationLimiter.IsContentCreating(sent)
                        || await RateLimitedAsync(arguments.Outcome, arguments.Context.CancellationToken).ConfigureAwait(false) is not null),
                DelayGenerator = async arguments =>
                    await RateLimitedAsync(arguments.Outcome, arguments.Context.CancellationToken).ConfigureAwait(false) is { } response
                        ? GitHubRetryRules.RateLimitDelay(response, arguments.AttemptNumber, time.GetUtcNow(), options.SecondaryRateLimitWait)
                        : null,
                OnRetry = async arguments =>
                {
                    var request = arguments.Context.GetRequestMessage();
                    if (await RateLimitedAsync(arguments.Outcome, arguments.Context.CancellationToken).ConfigureAwait(false) is not null
                        && request is not null && CredentialKey.Of(request) is { } credential)
                    {
                        // Other repositories share the credential: hold their requests for the same time.
                        rateLimits.BlockUntil(time.GetUtcNow() + arguments.RetryDelay, credential);
                    }

                    GitHubLog.Retrying(logger, GitHubEndpointNames.Of(request?.RequestUri).Label(), request?.RequestUri?.ToString() ?? "?", Describe(arguments.Outcome),
                        arguments.AttemptNumber + 1, options.MaxRetries, arguments.RetryDelay.TotalSeconds);
                },
            });
        }

        builder.AddTimeout(options.RequestTimeout);
    }

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, int attempt, GitHubOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or IOException or TimeoutRejectedException;
        }

        var response = await GitHubResponse.ReadAsync(outcome.Result!, cancellationToken, time.GetUtcNow()).ConfigureAwait(false);
        if (GitHubRetryRules.IsRateLimited(response))
        {
            return GitHubRetryRules.RateLimitDelay(response, attempt, time.GetUtcNow(), options.SecondaryRateLimitWait) <= options.MaxRateLimitWait;
        }

        return GitHubRetryRules.IsTransient(response);
    }

    private static async ValueTask<GitHubResponse?> RateLimitedAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Result is not { } result || (int)result.StatusCode is not (403 or 429))
        {
            return null;
        }

        var response = await GitHubResponse.ReadAsync(result, cancellationToken).ConfigureAwait(false);
        return GitHubRetryRules.IsRateLimited(response) ? response : null;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "no answer in time",
        { } exception => exception.Message,
        null => $"HTTP {(int)outcome.Result!.StatusCode}",
    };
}
