using TrunkExporter.Configuration;
using TrunkExporter.Snapshots;

namespace TrunkExporter.Refresh;

/// <summary>
/// Changes known before the source shows them (webhook deliveries), laid over a polled snapshot. Called
/// under the branch's refresh lock, so one branch is never calculated twice at once.
/// </summary>
internal interface ISnapshotAmendment
{
    /// <param name="pollStarted">When the poll that read <paramref name="polled"/> started; null when re-applying to an older poll.</param>
    TrunkSnapshot Amend(BranchTarget target, TrunkSnapshot polled, DateTimeOffset? pollStarted);
}
