namespace TrunkExporter.Health;

/// <summary>
/// Contract section 3 for one logical job. The times, the culprit and its range are set only while
/// <see cref="Streak"/> is above zero.
/// </summary>
/// <param name="LastFailureUrl">The log of a failing run on the newest failing commit, where the source gives one.</param>
internal sealed record JobStreak(
    LogicalJob Job,
    int Streak,
    DateTimeOffset? FailingSince = null,
    DateTimeOffset? LastFailure = null,
    string? CulpritSha = null,
    long? CulpritPr = null,
    CulpritRange? Culprits = null,
    string? LastFailureUrl = null);
