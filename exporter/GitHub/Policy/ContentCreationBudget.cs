namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// GitHub's secondary limits for content-creating requests (issues, comments, labels): at most 80 a minute
/// and 500 an hour. A sliding record of the times this process sent one; <see cref="Reserve"/> takes a
/// slot now or says how long until one frees. Shared by every request of the process (one token or
/// App installation per bridge; the limit is per user, so a conservative shared count is right).
/// </summary>
internal sealed class ContentCreationBudget(TimeProvider time)
{
    public const int PerMinute = 80;
    public const int PerHour = 500;

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _sent = new();

    /// <summary>Takes a slot and returns null, or returns the wait until one frees (taking nothing).</summary>
    public TimeSpan? Reserve()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            while (_sent.Count > 0 && now - _sent.Peek() >= TimeSpan.FromHours(1))
            {
                _sent.Dequeue();
            }

            var wait = TimeSpan.Zero;
            if (_sent.Count >= PerHour)
            {
                wait = _sent.ElementAt(_sent.Count - PerHour) + TimeSpan.FromHours(1) - now;
            }

            var lastMinute = _sent.Count(sent => now - sent < TimeSpan.FromMinutes(1));
            if (lastMinute >= PerMinute)
            {
                var oldestCounted = _sent.Where(sent => now - sent < TimeSpan.FromMinutes(1)).ElementAt(lastMinute - PerMinute);
                var minuteWait = oldestCounted + TimeSpan.FromMinutes(1) - now;
                wait = minuteWait > wait ? minuteWait : wait;
            }

            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            _sent.Enqueue(now);
            return null;
        }
    }
}
