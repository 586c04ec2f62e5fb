using TrunkExporter.GitHub.Http;

namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// Each credential's rate limits as GitHub last reported them, and the block a 403/429 asked for.
/// Every repository read with one credential spends one budget, so they share its state; a GitHub
/// App's installations each have their own. Credentials are told apart by <see cref="CredentialKey"/>,
/// never by the secret itself. <see cref="RateLimitGovernor"/> asks it before every request.
/// </summary>
internal sealed class RateLimitTracker(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Budget> _budgets = new(StringComparer.Ordinal);
    private readonly List<Action<RateLimitInfo>> _listeners = [];
    private string _lastObserved = string.Empty;

    /// <summary>The limits of the credential that answered last (the one the exporter is spending).</summary>
    public IReadOnlyList<RateLimitInfo> Current
    {
        get
        {
            lock (_lock)
            {
                return _budgets.TryGetValue(_lastObserved, out var budget)
                    ? [.. budget.Latest.Values.OrderBy(info => info.Resource, StringComparer.Ordinal)]
                    : [];
            }
        }
    }

    /// <summary>Keeps the newest window per resource; answers of one window may arrive out of order, so the lowest remaining wins.</summary>
    public void Observe(RateLimitInfo info, string credential = "")
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (_lock)
        {
            var latest = BudgetOf(credential).Latest;
            _lastObserved = credential;
            if (!latest.TryGetValue(info.Resource, out var known)
                || info.Reset is null || known.Reset is null || info.Reset > known.Reset
                || (info.Reset == known.Reset && info.Remaining <= known.Remaining))
            {
                latest[info.Resource] = info;

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

    public void BlockUntil(DateTimeOffset until, string credential = "")
    {
        lock (_lock)
        {
            var budget = BudgetOf(credential);
            if (until > budget.BlockedUntil)
            {
                budget.BlockedUntil = until;
            }
        }
    }

    /// <summary>
    /// How long to hold the next request, and why: a rate-limit answer's block, or the core limit
    /// having reached the reserve (<see cref="GitHubRetryRules.ReserveReached"/>).
    /// </summary>
    public RateLimitWait? RequiredWait(int reserve, string credential = "")
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var budget = BudgetOf(credential);
            if (budget.BlockedUntil > now)
            {
                return new RateLimitWait(budget.BlockedUntil - now, budget.BlockedUntil, "GitHub answered with a rate limit");
            }

            if (budget.Latest.TryGetValue(RateLimitInfo.CoreResource, out var core)
                && core.Reset is { } reset && reset > now
                && GitHubRetryRules.ReserveReached(core, reserve))
            {
                return new RateLimitWait(reset - now + TimeSpan.FromSeconds(1), reset,
                    $"{core.Remaining} of {core.Limit} requests are left, at or below the reserve of {reserve} (TrunkExporter:GitHub:RateLimitReserve)");
            }
        }

        return null;
    }

    private Budget BudgetOf(string credential)
    {
        if (!_budgets.TryGetValue(credential, out var budget))
        {
            budget = new Budget();
            _budgets[credential] = budget;
        }

        return budget;
    }

    private sealed class Budget
    {
        public Dictionary<string, RateLimitInfo> Latest { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}

internal sealed record RateLimitWait(TimeSpan Wait, DateTimeOffset Until, string Reason);
