namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// Holds every request until <see cref="SecondaryRateLimiter"/> grants it a slot and its points, so
/// every caller (the reader's parallel cold start, several branches, the App's token requests) stays
/// within GitHub's secondary limits. It sits outside the resilience handler: a wait for the window is
/// not an attempt and must not run into the attempt timeout. A request keeps its slot through its
/// retries, which are not charged again (they are rare and wait at least a second each).
/// </summary>
internal sealed class SecondaryLimitHandler(SecondaryRateLimiter limiter) : DelegatingHandler
{
    /// <summary>GitHub's documented cost of a GET (or HEAD) and of any other method.</summary>
    public const int ReadPoints = 1;

    public const int WritePoints = 5;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var points = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head ? ReadPoints : WritePoints;
        using var lease = await limiter.AcquireAsync(points, cancellationToken).ConfigureAwait(false);

        // The counting handler below has read the body in full: the slot is free once this returns.
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
