using TrunkExporter.GitHub.Http;

namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// Each credential's rate limits as GitHub last reported them, and the block a 403/429 asked for.
/// Every repository read with one credential spends one budget, so they share its state; a GitHub
/// App's installations each have their own, kept across the hourly token renewals. Credentials are
/// told apart by <see cref="CredentialKey"/>'s stable identity, never by the secret itself. <see cref="RateLimitGovernor"/> asks it before every request.
/// </summary>
internal sealed class RateLimitTracker(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Budget> _budgets = new(StringComparer.Ordinal);
    private readonly List<Action<RateLimitInfo>> _listeners = [];

    /// <summary>Keeps the newest window per resource; answers of one window may arrive out of order, so the lowest remaining wins.</summary>
    public void Observe(RateLimitInfo info, string credential = "")
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (_lock)
        {
            var latest = BudgetOf(credential).Latest;
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
    public RateLimitWait? RequiredWait(int reserve, string credential = "") => RequiredWait(reserve, credential, begin: false);

    /// <summary>
    /// <see cref="RequiredWait(int, string)"/>, and when there is none, counts the request as in flight
    /// until <see cref="End"/>: requests sent in parallel spend limit GitHub has not reported yet, so the
    /// reserve is measured against what is left after them.
    /// </summary>
    public RateLimitWait? TryBegin(int reserve, string credential) => RequiredWait(reserve, credential, begin: true);

    /// <summary>A request counted by <see cref="TryBegin"/> has its answer (or none).</summary>
    public void End(string credential)
    {
        lock (_lock)
        {
            BudgetOf(credential).InFlight--;
        }
    }

    private RateLimitWait? RequiredWait(int reserve, string credential, bool begin)
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
                && GitHubRetryRules.ReserveReached(core with { Remaining = core.Remaining - budget.InFlight }, reserve))
            {
                return new RateLimitWait(reset - now + TimeSpan.FromSeconds(1), reset,
                    $"{core.Remaining} of {core.Limit} requests are left{(budget.InFlight > 0 ? $" ({budget.InFlight} more on their way)" : string.Empty)}, at or below the reserve of {reserve} (TrunkExporter:GitHub:RateLimitReserve){(core.Note is { } note ? $"; {note}" : string.Empty)}");
            }

            if (begin)
            {
                budget.InFlight++;
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

        /// <summary>Requests sent whose answer (and its rate limit) has not come back yet.</summary>
        public int InFlight { get; set; }
    }
}

internal sealed record RateLimitWait(TimeSpan Wait, DateTimeOffset Until, string Reason);
