using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace TrunkExporter.Core;

/// <summary>The one rule for a GitHub repository name, shared by configuration, the CLI, snapshots and the GitHub client.</summary>
internal static partial class RepositoryName
{
    public const string Form = "owner/name";

    /// <summary>
    /// Exactly one '/' between an owner and a name made of GitHub's characters (letters, digits, '-', '_', '.'),
    /// so that a name never carries a newline, a space or a URL's syntax into a label, a log line or a request.
    /// </summary>
    public static bool IsValid([NotNullWhen(true)] string? repo) => repo is not null && Pattern().IsMatch(repo);

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/(?!\.{1,2}\z)[A-Za-z0-9_.-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
