namespace TrunkExporter.Core;

/// <summary>
/// A refresh failure that retrying cannot mend (a missing or rejected token, a repository that
/// does not exist): while it lasts the branch reports not ready, even if it refreshed before.
/// </summary>
internal interface IOperatorFailure
{
    bool NeedsOperator { get; }
}
