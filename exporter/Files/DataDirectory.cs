namespace TrunkExporter.Files;

/// <summary>
/// Where the exporter (the GitHub cache of each branch) and the issue bridge (its SQLite state) keep what
/// they must not lose on a restart:
/// <c>TrunkExporter:DataDirectory</c>; else systemd's <c>$STATE_DIRECTORY</c> (its first entry), which
/// <c>StateDirectory=</c> sets; else <c>$XDG_STATE_HOME/trunk-exporter</c>; else
/// <c>~/.local/state/trunk-exporter</c>, the XDG default, so that a plain <c>serve</c> works anywhere a
/// user has a home.
/// </summary>
internal static class DataDirectory
{
    public const string Key = "TrunkExporter:DataDirectory";

    /// <summary>The directory in force and where it came from, for the start-up line and its errors.</summary>
    public static (string Path, string Origin) Resolve(string? configured, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (Path.GetFullPath(configured), Key);
        }

        if (environment("STATE_DIRECTORY")?.Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } state)
        {
            return (Path.GetFullPath(state), $"{Key} unset, so $STATE_DIRECTORY");
        }

        if (environment("XDG_STATE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return (Path.Combine(xdg, "trunk-exporter"), $"{Key} unset, so $XDG_STATE_HOME/trunk-exporter");
        }

        var home = environment("HOME") is { Length: > 0 } set ? set : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return (Path.Combine(home, ".local", "state", "trunk-exporter"), $"{Key} unset, so ~/.local/state/trunk-exporter");
    }

    /// <summary>Creates the directory and writes a file in it; one line naming the key and the value when that fails.</summary>
    public static string? Problem(string path, string origin)
    {
        var probe = Path.Combine(path, $".write-test.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(path);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"{Key} '{path}' ({origin}) is not a writable directory: {ex.Message.ReplaceLineEndings(" ")} Set {Key} to a directory the exporter may write.";
        }
    }
}
