using TrunkExporter.Configuration;
using TrunkExporter.Core;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Webhooks;

/// <summary>
/// Every watched branch's pending events, and which branches have events not yet published. Deliveries add
/// here (cheap, under a lock); <see cref="WebhookApplier"/> publishes; every poll reconciles (see <see cref="EventOverlay"/>).
/// </summary>
internal sealed class BranchEvents : ISnapshotAmendment
{
    private readonly Lock _lock = new();
    private readonly Dictionary<BranchKey, (BranchTarget Target, EventOverlay Overlay)> _branches = [];
    private readonly HashSet<BranchKey> _dirty = [];
    private readonly System.Threading.Channels.Channel<bool> _signal =
        System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });

    public BranchEvents(TrunkStateStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var state in store.Current)
        {
            _branches[state.Target.Key] = (state.Target, new EventOverlay(state.Target.Scope.Window));
        }
    }

    /// <summary>The watched branch, or null (GitHub names are case-insensitive, branch names are not).</summary>
    public BranchTarget? Watched(string repo, string branch) =>
        _branches.TryGetValue(new BranchKey(repo, branch), out var entry) ? entry.Target : null;

    /// <summary>The repository's configured spelling when some branch of it is watched, else null.</summary>
    public string? WatchedRepository(string repo) =>
        _branches.Values.Select(entry => entry.Target.Repo).FirstOrDefault(watched => string.Equals(watched, repo, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds events of watched branches (the caller checked) and wakes the applier.</summary>
    public void Post(IEnumerable<BranchEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_lock)
        {
            foreach (var change in events)
            {
                var key = new BranchKey(change.Repo, change.Branch);
                _branches[key].Overlay.Add(change);
                _dirty.Add(key);
            }
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>Waits until some branch has unpublished events.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _signal.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>The branches with unpublished events; they count as published from now on.</summary>
    public IReadOnlyList<BranchTarget> TakeDirty()
    {
        lock (_lock)
        {
            _signal.Reader.TryRead(out _);
            var targets = _dirty.Select(key => _branches[key].Target).ToList();
            _dirty.Clear();
            return targets;
        }
    }

    public TrunkSnapshot Amend(BranchTarget target, TrunkSnapshot polled, DateTimeOffset? pollStarted)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_lock)
        {
            if (!_branches.TryGetValue(target.Key, out var entry))
            {
                return polled;
            }

            if (pollStarted is { } started)
            {
                entry.Overlay.Reconcile(polled, started);
            }

            return entry.Overlay.Apply(polled);
        }
    }
}
