namespace TrunkExporter.Health;

/// <summary>Contract section 4.</summary>
internal enum CommitVerdict
{
    Unknown = 0,
    Green = 1,
    Broken = 2,
}
