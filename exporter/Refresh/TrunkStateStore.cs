using TrunkExporter.Configuration;
using TrunkExporter.Core;

namespace TrunkExporter.Refresh;

/// <summary>
/// The published state of every repository. Readers (scrapes, probes) take the current array
/// without locking and never see it change; writers copy it and replace one repository's entry.
/// </summary>
internal sealed class TrunkStateStore
{
    private readonly Lock _write = new();
    private volatile BranchState[] _states;

    public TrunkStateStore(IEnumerable<BranchTarget> targets)
    {
        _states = [.. targets.Select(target => new BranchState(target))];
    }

    public IReadOnlyList<BranchState> Current => _states;

    /// <summary>Every watched branch is ready: what <c>/readyz</c> answers 200 for.</summary>
    public bool IsReady => Current.All(state => state.IsReady);

    /// <summary>The watched branch's state, or null when <paramref name="key"/> is not watched here.</summary>
    public BranchState? Find(BranchKey key) => Current.FirstOrDefault(state => state.Target.Key == key);

    public BranchState Update(BranchTarget target, Func<BranchState, BranchState> change)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(change);
        lock (_write)
        {
            var states = (BranchState[])_states.Clone();
            var index = Array.FindIndex(states, state => state.Target.Key == target.Key);
            states[index] = change(states[index]);
            _states = states;
            return states[index];
        }
    }
}
