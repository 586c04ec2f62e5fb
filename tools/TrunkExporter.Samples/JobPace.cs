namespace TrunkExporter.Samples;

/// <summary>How long after a push a job usually finishes; decides what is still running on the newest commits.</summary>
internal enum JobPace
{
    /// <summary>Lint, runner selection: done within minutes.</summary>
    Quick,

    /// <summary>A build.</summary>
    Build,

    /// <summary>A test shard, which waits for its build.</summary>
    Test,

    /// <summary>Binary tests and multi-GPU tests.</summary>
    Long,

    /// <summary>A job whose condition is false on a push to main (uploads, PR-only checks): always skipped.</summary>
    SkippedOnPush,
}
