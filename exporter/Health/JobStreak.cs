namespace TrunkExporter.Health;

/// <summary>
/// Contract section 3 for one logical job. The times and the culprit are set only while
/// <see cref="Streak"/> is above zero.
/// </summary>
internal sealed record JobStreak(
    LogicalJob Job,
    int Streak,
    DateTimeOffset? FailingSince = null,
    DateTimeOffset? LastFailure = null,
    string? CulpritSha = null,
    long? CulpritPr = null);
