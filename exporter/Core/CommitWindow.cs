namespace TrunkExporter.Core;

/// <summary>
/// The one range for a window of newest commits, shared by configuration, <c>scrape</c> and <c>record</c>:
/// the upper bound keeps one refresh's GitHub requests within reason.
/// </summary>
internal static class CommitWindow
{
    public const int Min = 1;

    public const int Max = 1000;

    public static bool IsValid(int window) => window is >= Min and <= Max;

    /// <summary>The allowed range, for messages: "between 1 and 1000".</summary>
    public static string Range => $"between {Min} and {Max}";
}
