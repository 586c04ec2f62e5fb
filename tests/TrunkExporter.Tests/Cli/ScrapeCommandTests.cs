using TrunkExporter.Cli;

namespace TrunkExporter.Tests.Cli;

public sealed class ScrapeCommandTests
{
    [Fact]
    public void A_missing_file_is_one_line_naming_the_file_and_a_non_zero_exit()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = ScrapeCommand.Run(new FileInfo("/nonexistent/snapshot.json"), "prometheus", "t", 50, output, error);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Empty(output.ToString());
        var line = Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
        Assert.Contains("/nonexistent/snapshot.json", line, StringComparison.Ordinal);
    }
}
