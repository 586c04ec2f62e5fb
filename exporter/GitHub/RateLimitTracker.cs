namespace TrunkExporter.GitHub;

/// <summary>
/// The token's rate limits as GitHub last reported them, shared by every repository (they spend
/// one budget), and the block a 403/429 asked for. Every request asks it first whether to wait.
/// </summary>
internal sealed class RateLimitTracker(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RateLimitInfo> _latest = new(StringComparer.Ordinal);
    private readonly List<Action<RateLimitInfo>> _listeners = [];
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;

    public IReadOnlyList<RateLimitInfo> Current
    {
        get
        {
            lock (_lock)
            {
                return [.. _latest.Values.OrderBy(info => info.Resource, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Keeps the newest window per resource; answers of one window may arrive out of order, so the lowest remaining wins.</summary>
    public void Observe(RateLimitInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (_lock)
        {
            if (!_latest.TryGetValue(info.Resource, out var known)
                || info.Reset is null || known.Reset is null || info.Reset > known.Reset
                || (info.Reset == known.Reset && info.Remaining <= known.Remaining))
            {
                _latest[info.Resource] = info;

                // Inside the lock, so listeners see kept windows in the order they were kept.
                foreach (var listener in _listeners)
                {
                    listener(info);
                }
            }
        }
    }

    /// <summary>Calls <paramref name="listener"/> with every window <see cref="Observe"/> keeps (the rate-limit gauges).</summary>
    public void OnKept(Action<RateLimitInfo> listener)
    {
        lock (_lock)
        {
            _listeners.Add(listener);
        }
    }

    public void BlockUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _blockedUntil)
            {
                _blockedUntil = until;
            }
        }
    }

    /// <summary>
    /// How long to hold the next request, and why: a rate-limit answer's block, or the core limit
    /// having reached the reserve (capped at half the limit, so a small token still works).
    /// </summary>
    public RateLimitWait? RequiredWait(int reserve)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_blockedUntil > now)
            {
                return new RateLimitWait(_blockedUntil - now, _blockedUntil, "GitHub answered with a rate limit");
            }

            if (_latest.TryGetValue(RateLimitInfo.CoreResource, out var core)
                && core.Reset is { } reset && reset > now
                && core.Remaining <= Math.Min(reserve, core.Limit / 2))
            {
                return new RateLimitWait(reset - now + TimeSpan.FromSeconds(1), reset,
                    $"{core.Remaining} of {core.Limit} requests are left, at or below the reserve of {reserve} (TrunkExporter:GitHub:RateLimitReserve)");
            }
        }

        return null;
    }
}

internal sealed record RateLimitWait(TimeSpan Wait, DateTimeOffset Until, string Reason);
