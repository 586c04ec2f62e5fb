namespace TrunkExporter.Health;

/// <summary>The one abbreviation of a commit sha shown to people (table, HUD page, notifications): 12 characters, as GitHub's UI.</summary>
internal static class ShortSha
{
    public const int Length = 12;

    public static string Of(string sha)
    {
        ArgumentNullException.ThrowIfNull(sha);
        return sha.Length <= Length ? sha : sha[..Length];
    }
}
