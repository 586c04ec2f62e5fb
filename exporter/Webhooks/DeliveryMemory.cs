namespace TrunkExporter.Webhooks;

/// <summary>
/// The most recent delivery IDs (<c>X-GitHub-Delivery</c>), so that a redelivery is applied once. A ring of
/// fixed size: memory stays bounded however many deliveries arrive, and a redelivery older than the
/// ring is applied again, which is harmless (events are states, not increments).
/// </summary>
internal sealed class DeliveryMemory(int capacity = DeliveryMemory.DefaultCapacity)
{
    /// <summary>Hours of PyTorch's busiest traffic (hundreds of job events a minute); each ID is ~100 bytes.</summary>
    public const int DefaultCapacity = 65_536;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly string?[] _ring = new string?[capacity];
    private int _next;

    /// <summary>True the first time an ID is seen, false for a redelivery still remembered.</summary>
    public bool TryRemember(string delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_lock)
        {
            if (!_seen.Add(delivery))
            {
                return false;
            }

            if (_ring[_next] is { } oldest)
            {
                _seen.Remove(oldest);
            }

            _ring[_next] = delivery;
            _next = (_next + 1) % _ring.Length;
            return true;
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }
}
