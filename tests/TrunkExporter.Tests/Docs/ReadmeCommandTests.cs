using System.Text.RegularExpressions;
using TrunkExporter.FakeGitHub;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Docs;

/// <summary>
/// The commands a newcomer copies from the READMEs, run as written. Relative paths on the exporter's
/// command line (replay, output and token files) mean the directory the command is run from, so each
/// exporter command runs from a scratch directory that is neither the repository, the project folder nor
/// the build output, holding only what the command's paths name.
/// </summary>
public sealed partial class ReadmeCommandTests : IDisposable
{
    private const string Token = "readme-token";
    private static readonly string[] Readmes = ["README.md", "samples/README.md"];
    private readonly TempDirectory _directory = new();

    public static TheoryData<string, string> ExporterCommands()
    {
        var data = new TheoryData<string, string>();
        foreach (var readme in Readmes)
        {
            foreach (var command in ExporterCommandsOf(File.ReadAllText(RepoPaths.InRepo(readme))))
            {
                data.Add(readme, command);
            }
        }

        return data;
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_readmes_name_the_commands_this_test_runs()
    {
        var commands = ExporterCommands().Select(row => (string)row[1]).ToList();

        Assert.Contains("dotnet run --project exporter -- scrape --replay samples/trunk-p2.json --format table", commands);
        Assert.Contains(commands, command => command.Contains(" record ", StringComparison.Ordinal) && command.Contains("--token-file", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.StartsWith("trunk-samples ", StringComparison.Ordinal) && command.Contains("--out samples/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ExporterCommands))]
    public async Task Every_exporter_command_with_a_path_resolves_it_from_the_callers_directory(string readme, string command)
    {
        // What the command's relative paths name, in the caller's directory and nowhere the exporter lives.
        var samples = Directory.CreateDirectory(_directory.Combine("samples")).FullName;
        foreach (var sample in Directory.GetFiles(RepoPaths.InRepo("samples"), "*.json"))
        {
            File.Copy(sample, Path.Combine(samples, Path.GetFileName(sample)));
        }

        await File.WriteAllTextAsync(_directory.File("token.txt"), Token);
        await using var github = await FakeGitHubServer.StartAsync(ScenarioTrunkOf(), new FakeGitHubOptions { AcceptedToken = Token });
        var output = OutputFile(command);
        if (output is not null)
        {
            File.Delete(_directory.File(output));
        }

        // A record command's trunk.json is then scraped by the next command of the README: record first.
        if (command.Contains("--replay trunk.json", StringComparison.Ordinal))
        {
            var record = await RunAsync(Concrete("trunk-exporter record --repo pytorch/pytorch --branch main --out trunk.json [--api-url URL] [--token-file FILE]", github.ApiBaseUrl));
            Assert.True(record.ExitCode == 0, record.Describe());
        }

        var result = await RunAsync(Concrete(command, github.ApiBaseUrl));

        Assert.True(result.ExitCode == 0, $"{readme}: {command}\n{result.Describe()}");
        if (output is not null)
        {
            Assert.True(File.Exists(_directory.File(output)), $"{readme}: {command} did not write {output} in the directory it was run from");
        }

        if (command.Contains("--replay", StringComparison.Ordinal))
        {
            Assert.StartsWith("pytorch/pytorch branch main: ", result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_relative_path_is_named_as_the_caller_wrote_it_resolved_from_the_callers_directory()
    {
        var result = await RunAsync(["scrape", "--replay", "samples/none.json"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"trunk-exporter: snapshot {_directory.Combine("samples", "none.json")}: ", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// The lines of a README that run the exporter on a relative path, with the bracketed options of the
    /// record command filled in; lines with other placeholders (FILE, OWNER/NAME, a|b) are usage, not commands.
    /// </summary>
    private static IEnumerable<string> ExporterCommandsOf(string markdown) => ExporterCommand().Matches(markdown)
        .Select(match => match.Value.Trim())
        .Where(command => PathOption().IsMatch(command))
        .Where(command => !Placeholder().IsMatch(Regex.Replace(command, @"\[--(api-url URL|token-file FILE)\]", string.Empty)))
        .Distinct(StringComparer.Ordinal);

    private static string? OutputFile(string command) => OutFile().Match(command) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The README command with the fake GitHub and the token file for its bracketed options, the other brackets opened.</summary>
    private static string[] Concrete(string command, string apiUrl) => OptionalBrackets().Replace(
            command
                .Replace("[--api-url URL]", $"--api-url {apiUrl}", StringComparison.Ordinal)
                .Replace("[--token-file FILE]", "--token-file token.txt", StringComparison.Ordinal),
            "$1")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private Task<ToolResult> RunAsync(string[] words)
    {
        // `trunk-exporter ...` is the built program; `dotnet run --project exporter -- ...` runs the project as
        // written, with the build the tests were made with (no build inside a test).
        string[] arguments = words switch
        {
            ["trunk-exporter", .. var rest] => [ExporterProcess.AssemblyPath, .. rest],
            ["trunk-samples", .. var rest] => [typeof(TrunkExporter.Samples.SampleCommand).Assembly.Location, .. rest],
            ["dotnet", "run", "--project", "exporter", .. var rest] => ["run", "--project", RepoPaths.InRepo("exporter"), "-c", BuildConfiguration, "--no-build", .. rest],
            _ => [ExporterProcess.AssemblyPath, .. words],
        };
        return ExternalTool.RunAsync("dotnet", arguments, workingDirectory: _directory.Path, timeout: TimeSpan.FromMinutes(2));
    }

    private static string BuildConfiguration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static TrunkExporter.Snapshots.TrunkSnapshot ScenarioTrunkOf() => EndToEnd.ScenarioTrunk.Green(commits: 3, DateTimeOffset.UtcNow);

    [GeneratedRegex(@"(?:(?:dotnet run --project exporter --|trunk-exporter) (?:scrape|record)|trunk-samples) [^`\n]*")]
    private static partial Regex ExporterCommand();

    [GeneratedRegex(@"--(?:replay|out|token-file) ")]
    private static partial Regex PathOption();

    [GeneratedRegex(@"\b(?:FILE|URL|OWNER|NAME|N|T)\b|\||\.\.\.")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"--out (\S+)")]
    private static partial Regex OutFile();

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex OptionalBrackets();
}
