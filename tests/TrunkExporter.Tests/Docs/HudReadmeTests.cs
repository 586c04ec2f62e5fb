namespace TrunkExporter.Tests.Docs;

/// <summary>The README's picture of the HUD page exists, is a PNG, and the command it names regenerates it.</summary>
public sealed class HudReadmeTests
{
    [Fact]
    public void The_readme_shows_the_committed_screenshot_and_names_the_command_that_makes_it()
    {
        var readme = File.ReadAllText(RepoPaths.InRepo("README.md"));
        var makefile = File.ReadAllText(RepoPaths.InRepo("Makefile"));
        var png = File.ReadAllBytes(RepoPaths.InRepo("docs", "hud.png"));

        Assert.Contains("](docs/hud.png)", readme, StringComparison.Ordinal);
        Assert.Contains("`make hud-screenshot`", readme, StringComparison.Ordinal);
        Assert.Contains("hud-screenshot: deps\n\t./scripts/hud-screenshot.sh\n", makefile, StringComparison.Ordinal);
        Assert.Contains("--screenshot=\"$PWD/docs/hud.png\"", File.ReadAllText(RepoPaths.InRepo("scripts", "hud-screenshot.sh")), StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}
