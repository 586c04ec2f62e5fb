namespace TrunkExporter.Configuration;

/// <summary>The known name a mistyped one most likely meant, for "did you mean" hints.</summary>
internal static class ClosestName
{
    public static string? Find(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        var names = known.ToArray();

        // A name cut short (Token for TokenFile) is far in edits but plainly meant.
        if (typed.Length >= 3 && names.Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToArray() is [var prefixed])
        {
            return prefixed;
        }

        var limit = Math.Max(2, typed.Length / 3);
        return names
            .Select(name => (Name: name, Distance: Distance(typed.ToUpperInvariant(), name.ToUpperInvariant())))
            .Where(candidate => candidate.Distance <= limit)
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Select(candidate => candidate.Name)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
