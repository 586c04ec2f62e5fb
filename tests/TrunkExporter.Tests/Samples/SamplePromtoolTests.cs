using TrunkExporter.Cli;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Samples;

/// <summary>What Prometheus would scrape from each sample is valid exposition, as the real promtool judges it.</summary>
public sealed class SamplePromtoolTests
{
    [Theory]
    [InlineData("trunk-p2.json", "prometheus")]
    [InlineData("trunk-p1.json", "prometheus")]
    [InlineData("trunk-p2.json", "openmetrics")]
    [InlineData("trunk-p1.json", "openmetrics")]
    public async Task Promtool_check_metrics_accepts_the_scrape_of_the_sample_without_a_word(string file, string format)
    {
        var metrics = Scrape(file, format);

        var result = await ExternalTool.RunAsync("promtool", ["check", "metrics"], standardInput: metrics);

        Assert.True(
            result.ExitCode == 0 && result.StandardOutput.Length == 0 && result.StandardError.Length == 0,
            $"promtool check metrics complained about the {format} scrape of {file}:\n{result.Describe()}");
    }

    [Fact]
    public void The_p2_scrape_carries_the_streaks_of_its_two_failing_jobs()
    {
        var lines = Scrape("trunk-p2.json").Split('\n');

        Assert.Contains(
            "trunk_job_failure_streak{repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"pull\",job_name=\"linux-jammy-py3.10-gcc11 / test (default, linux.4xlarge)\"} 4",
            lines);
        Assert.Contains(
            "trunk_job_failure_streak{repo=\"pytorch/pytorch\",branch=\"main\",workflow=\"trunk\",job_name=\"linux-jammy-cuda12.8-py3.10-gcc11 / test (distributed, linux.g4dn.12xlarge.nvidia.gpu)\"} 3",
            lines);
        var onStreak = lines.Where(line => line.StartsWith("trunk_job_failure_streak{", StringComparison.Ordinal) && int.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= 3);
        Assert.Equal(2, onStreak.Count());
    }

    private static string Scrape(string file, string format = "prometheus")
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = ScrapeCommand.Run(new FileInfo(RepoPaths.InRepo("samples", file)), format, "dev-infra", 50, output, error);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Empty(error.ToString());
        return output.ToString();
    }
}
