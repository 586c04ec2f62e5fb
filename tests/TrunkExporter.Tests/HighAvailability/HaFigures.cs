using System.Globalization;

namespace TrunkExporter.Tests.HighAvailability;

/// <summary>
/// What one scenario saw at the sink, for the closing report: the notifications of its groups,
/// duplicates (a second firing or resolved notification of one group), losses (an expected one
/// that never came: the test fails then, so a passing run reports 0) and the time from the
/// incident to the first notification. Printed to the test output and, with HA_FIGURES=FILE, appended there.
/// </summary>
internal sealed record HaFigures(string Scenario, int Delivered, int Duplicates, int Losses, TimeSpan FirstNotification, string Notes)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"HA figures | {Scenario} | delivered {Delivered} | duplicates {Duplicates} | losses {Losses} | incident to first notification {FirstNotification.TotalSeconds:F1} s | {Notes}");

    public void Report(Xunit.Abstractions.ITestOutputHelper output)
    {
        output.WriteLine(ToString());
        if (Environment.GetEnvironmentVariable("HA_FIGURES") is { Length: > 0 } file)
        {
            File.AppendAllLines(file, [ToString()]);
        }
    }
}
