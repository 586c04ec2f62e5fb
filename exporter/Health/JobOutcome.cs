namespace TrunkExporter.Health;

/// <summary>
/// What one job run, or one logical job on one commit, says about the trunk.
/// The numeric order is the merge precedence of contract section 2: the larger value wins.
/// </summary>
internal enum JobOutcome
{
    NoData = 0,
    Success = 1,
    Pending = 2,
    Failure = 3,
}
