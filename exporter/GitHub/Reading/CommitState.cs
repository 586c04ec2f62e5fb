using TrunkExporter.GitHub.Wire;

namespace TrunkExporter.GitHub.Reading;

/// <summary>What is known about one commit of the window: its runs, their jobs, and the caches to re-read them cheaply.</summary>
internal sealed class CommitState(DateTimeOffset firstSeen)
{
    public DateTimeOffset FirstSeen { get; } = firstSeen;

    /// <summary>When the runs were last read completely; null until then.</summary>
    public DateTimeOffset? LastChecked { get; set; }

    /// <summary>Every run completed (or no run ever came): nothing to poll until the next re-check.</summary>
    public bool Settled { get; set; }

    public PageCache<WorkflowRun> RunPages { get; } = new();

    /// <summary>
    /// Runs by id, each with the jobs read for that version of it. A run read in a refresh that later
    /// failed stays here, so the next refresh does not pay for it again.
    /// </summary>
    public Dictionary<long, RunState> Runs { get; } = [];

    /// <summary>Run ids in the order of the last complete runs list.</summary>
    public IReadOnlyList<long> RunOrder { get; set; } = [];

    /// <summary>Every page URL this commit's caches hold.</summary>
    public IEnumerable<Uri> Urls => RunPages.Urls.Concat(Runs.Values.SelectMany(run => run.JobPages.Urls));
}

/// <summary>A run and the jobs read for exactly this version of it.</summary>
internal sealed record RunState(WorkflowRun Run, IReadOnlyList<WorkflowJob> Jobs, PageCache<WorkflowJob> JobPages);
