namespace TrunkExporter.GitHub.Policy;

/// <summary>
/// GitHub's secondary rate limits for REST, kept on our side so that a cold start reading in parallel
/// never meets them: at most <see cref="GitHubOptions.MaxConcurrentRequests"/> requests in flight and at
/// most <see cref="GitHubOptions.MaxPointsPerMinute"/> points in any 60 seconds (GitHub documents 100
/// and 900; a GET costs 1 point, a write 5). One budget for the process, whatever the credential: a
/// conservative reading of limits GitHub applies per user or App. <see cref="SecondaryLimitHandler"/>
/// takes a slot and the points before every request.
/// </summary>
internal sealed class SecondaryRateLimiter : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _lock = new();
    private readonly Queue<(long Timestamp, int Points)> _spent = new();
    private readonly int _pointsPerMinute;
    private int _inWindow;
    private int _inFlight;

    public SecondaryRateLimiter(Microsoft.Extensions.Options.IOptions<GitHubOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentRequests, options.Value.MaxConcurrentRequests);
        _pointsPerMinute = options.Value.MaxPointsPerMinute;
    }

    /// <summary>The most requests that were ever in flight at once (for the cold-start measurement).</summary>
    public int MostInFlight { get; private set; }

    /// <summary>Waits for a slot, then for the points; dispose the lease when the answer has been read.</summary>
    public async Task<IDisposable> AcquireAsync(int points, CancellationToken cancellationToken)
    {
        // The slot first: points are taken right before the request leaves, so the window GitHub
        // sees is the window counted here.
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (Take(Math.Min(points, _pointsPerMinute)) is { } wait)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }

        lock (_lock)
        {
            MostInFlight = Math.Max(MostInFlight, ++_inFlight);
        }

        return new Lease(this);
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>Takes the points now, or says how long until enough of the window has passed.</summary>
    private TimeSpan? Take(int points)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            while (_spent.TryPeek(out var oldest) && _time.GetElapsedTime(oldest.Timestamp, now) >= Window)
            {
                _inWindow -= _spent.Dequeue().Points;
            }

            if (_inWindow + points <= _pointsPerMinute)
            {
                _spent.Enqueue((now, points));
                _inWindow += points;
                return null;
            }

            // Wait until the oldest points leave the window (a millisecond more: the timestamp's rounding).
            var head = _spent.Peek();
            return Window - _time.GetElapsedTime(head.Timestamp, now) + TimeSpan.FromMilliseconds(1);
        }
    }

    private void Release()
    {
        lock (_lock)
        {
            _inFlight--;
        }

        _slots.Release();
    }

    private sealed class Lease(SecondaryRateLimiter limiter) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release();
            }
        }
    }
}
