using System.Diagnostics.CodeAnalysis;

namespace TrunkExporter.Configuration;

/// <summary>The one rule for a GitHub repository name, shared by configuration, the CLI, snapshots and the GitHub client.</summary>
internal static class RepositoryName
{
    public const string Form = "owner/name";

    /// <summary>Exactly one '/', with a non-blank owner before it and a non-blank name after it.</summary>
    public static bool IsValid([NotNullWhen(true)] string? repo) =>
        repo?.Split('/') is [var owner, var name] && !string.IsNullOrWhiteSpace(owner) && !string.IsNullOrWhiteSpace(name);
}
