namespace TrunkExporter.Samples;

/// <summary>What a scenario forces onto the runs of one job on one commit, replacing the generated noise.</summary>
internal enum ScriptedOutcome
{
    Pass,
    Fail,

    /// <summary>Attempt 1 fails and a re-run of the same commit (attempt 2) passes.</summary>
    FailThenPass,

    /// <summary>Still running or queued.</summary>
    Pending,
}
