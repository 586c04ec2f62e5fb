namespace TrunkExporter.Health;

/// <summary>
/// Numbers the logical jobs of one calculation in order of appearance and remembers, per raw
/// (workflow, job name), which logical job it folds into, so each distinct name is classified once.
/// </summary>
internal sealed class JobIndex(JobClassifier classifier)
{
    private readonly Dictionary<(string Workflow, string Name), int> _runs = [];
    private readonly Dictionary<LogicalJob, int> _jobs = [];
    private readonly List<LogicalJob> _keys = [];

    public JobClassifier Classifier => classifier;

    public int Count => _keys.Count;

    /// <summary>Logical jobs by index.</summary>
    public IReadOnlyList<LogicalJob> Keys => _keys;

    /// <summary>The logical job's index, or -1 when the run is out of scope.</summary>
    public int IndexOf(string workflow, string name)
    {
        if (_runs.TryGetValue((workflow, name), out var index))
        {
            return index;
        }

        index = -1;
        if (classifier.Classify(workflow, name) is { } job && !_jobs.TryGetValue(job, out index))
        {
            index = _keys.Count;
            _jobs.Add(job, index);
            _keys.Add(job);
        }

        _runs.Add((workflow, name), index);
        return index;
    }
}
