using Microsoft.Extensions.Options;

namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// Holds a content-creating request (POST, PATCH or PUT under /repos/…/issues or /repos/…/labels) until
/// <see cref="ContentCreationBudget"/> has a slot, or fails it at once with a rate-limit
/// <see cref="GitHubException"/> when the wait is longer than <see cref="GitHubOptions.MaxRateLimitWait"/>
/// (the caller, e.g. the issue bridge, answers 5xx and is asked again). Reads pass untouched.
/// </summary>
internal sealed class ContentCreationLimiter(ContentCreationBudget budget, IOptions<GitHubOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsContentCreating(request))
        {
            while (budget.Reserve() is { } wait)
            {
                if (wait > options.Value.MaxRateLimitWait)
                {
                    throw new GitHubException(GitHubFailure.RateLimited,
                        $"GitHub's content-creation limit ({ContentCreationBudget.PerMinute} a minute, {ContentCreationBudget.PerHour} an hour) is spent for {wait.TotalSeconds:F0} s; {request.Method} {request.RequestUri?.AbsolutePath} is not sent");
                }

                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A write that creates or changes content: never retried blindly after a 5xx or timeout, since it may have taken effect.</summary>
    public static bool IsContentCreating(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != HttpMethod.Post && request.Method != HttpMethod.Patch && request.Method != HttpMethod.Put)
        {
            return false;
        }

        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        return path.Contains("/repos/", StringComparison.Ordinal)
            && (path.Contains("/issues", StringComparison.Ordinal) || path.EndsWith("/labels", StringComparison.Ordinal));
    }
}
