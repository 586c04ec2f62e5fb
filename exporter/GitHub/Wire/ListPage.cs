namespace TrunkExporter.GitHub.Wire;

/// <summary>The items of one page of a runs or jobs list, and the list's total_count.</summary>
internal sealed record ListPage<T>(IReadOnlyList<T> Items, long? TotalCount);
