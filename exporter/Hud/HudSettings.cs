using TrunkExporter.Configuration;

namespace TrunkExporter.Hud;

/// <summary>What the HUD pages need besides the published state.</summary>
/// <param name="ReloadSeconds">The pages' meta refresh: the refresh interval, at least 15 s so a page stays readable.</param>
/// <param name="AlertStreak">The streak from which a job counts towards N (the rule pack's threshold).</param>
internal sealed record HudSettings(GitHubWeb GitHub, int ReloadSeconds, int AlertStreak = HudSettings.DefaultAlertStreak)
{
    public const int DefaultAlertStreak = 3;

    public static HudSettings From(IConfiguration configuration, ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var reload = Math.Clamp(options.RefreshInterval.TotalSeconds, 15, 3600);
        return new HudSettings(GitHubWeb.FromApiBase(configuration[GitHubWeb.ApiBaseUrlKey]), (int)Math.Ceiling(reload));
    }
}
