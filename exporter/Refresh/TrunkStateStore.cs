using TrunkExporter.Configuration;

namespace TrunkExporter.Refresh;

/// <summary>
/// The published state of every repository. Readers (scrapes, probes) take the current array
/// without locking and never see it change; writers copy it and replace one repository's entry.
/// </summary>
internal sealed class TrunkStateStore
{
    private readonly Lock _write = new();
    private volatile RepositoryState[] _states;

    public TrunkStateStore(IEnumerable<RepositoryTarget> targets)
    {
        _states = [.. targets.Select(target => new RepositoryState(target))];
    }

    public IReadOnlyList<RepositoryState> Current => _states;

    public bool IsReady => Current.All(state => state.IsReady);

    public RepositoryState Update(RepositoryTarget target, Func<RepositoryState, RepositoryState> change)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(change);
        lock (_write)
        {
            var states = (RepositoryState[])_states.Clone();
            var index = Array.FindIndex(states, state => state.Target.Key == target.Key);
            states[index] = change(states[index]);
            _states = states;
            return states[index];
        }
    }
}
