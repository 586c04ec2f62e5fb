namespace TrunkExporter.Stack;

/// <summary>Locates the repository and the shared folder beside it, from wherever the tests run.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> next to the clone; CI has it, a bare clone may not.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string SharedFixtures => Path.Combine(Shared, "fixtures", "github");

    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TrunkExporter.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"TrunkExporter.sln not found above {AppContext.BaseDirectory}.");
    }
}
