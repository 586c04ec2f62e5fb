namespace TrunkExporter.IssueBridge;

/// <summary>
/// Where state lives: <c>TrunkExporter:DataDirectory</c>; else systemd's <c>$STATE_DIRECTORY</c> (its first
/// entry; the unit's StateDirectory=); else <c>$XDG_STATE_HOME/trunk-exporter</c>, i.e.
/// <c>~/.local/state/trunk-exporter</c> by default.
/// </summary>
internal static class DataDirectory
{
    public const string Key = "TrunkExporter:DataDirectory";

    public static string Resolve(IConfiguration configuration, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (configuration[Key] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        if (environment("STATE_DIRECTORY") is { Length: > 0 } state)
        {
            return state.Split(':', StringSplitOptions.RemoveEmptyEntries)[0];
        }

        var xdg = environment("XDG_STATE_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(xdg, "trunk-exporter");
    }
}
