using System.Globalization;
using System.Text.RegularExpressions;

namespace TrunkExporter.GitHub.Wire;

/// <summary>The PR number GitHub's squash merge appends to a commit title: "Fix the thing (#123)".</summary>
internal static partial class PullRequestNumber
{
    public static long? FromTitle(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return null;
        }

        var matches = Reference().Matches(title);
        return matches.Count > 0 && long.TryParse(matches[^1].Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }

    [GeneratedRegex(@"\(#(\d{1,18})\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Reference();
}
