using Microsoft.Playwright;

namespace TrunkExporter.Tests.Hud;

/// <summary>
/// Debian's Chromium driven by Playwright: never a downloaded browser, a fresh profile per instance,
/// no network beyond what the page asks for. A missing Chromium fails the test with the fix.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Where Debian installs it; CHROMIUM overrides (another distribution's path).</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private HeadlessChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <summary>Folder of the screenshots: beside the test assembly, under TestResults (the tests' results).</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "TestResults", "hud");

    public static async Task<HeadlessChromium> LaunchAsync(ColorScheme colorScheme = ColorScheme.Light)
    {
        var executable = ExecutablePath;
        Assert.True(
            File.Exists(executable),
            $"Chromium is missing at {executable}: run 'make deps' (it runs 'apt-get install chromium' on Debian), or set CHROMIUM to its path.");

        var profile = Directory.CreateTempSubdirectory("trunk-hud-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                ],
                ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
                ColorScheme = colorScheme,
                Timeout = 30_000,
            });
            return new HeadlessChromium(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its last file; the OS temp cleaner gets it.
        }
    }
}
