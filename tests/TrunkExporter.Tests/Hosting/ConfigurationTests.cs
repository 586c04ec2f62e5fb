using TrunkExporter.Cli;
using TrunkExporter.Configuration;
using TrunkExporter.Core;

namespace TrunkExporter.Tests.Hosting;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Repo", "pytorch", "TrunkExporter:Repositories:0:Repo must be owner/name (got 'pytorch').")]
    [InlineData("Window", "0", "TrunkExporter:Repositories:0:Window must be between 1 and 1000 commits (got 0).")]
    [InlineData("Team", " ", "TrunkExporter:Repositories:0:Team must not be empty.")]
    [InlineData("ReplayFile", "/nonexistent/trunk.json", "TrunkExporter:Repositories:0:ReplayFile '/nonexistent/trunk.json' does not exist.")]
    [InlineData("ShiftTimesToNow", "true", "TrunkExporter:Repositories:0:ShiftTimesToNow applies only with TrunkExporter:Repositories:0:ReplayFile.")]
    public void Bad_repository_settings_name_their_key(string key, string value, string message)
    {
        var repository = new RepositoryOptions { Repo = "pytorch/pytorch" };
        typeof(RepositoryOptions).GetProperty(key)!.SetValue(repository, key switch
        {
            "Window" => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            "ShiftTimesToNow" => bool.Parse(value),
            _ => value,
        });

        var result = new ExporterOptionsValidator().Validate(null, new ExporterOptions { Repositories = [repository] });

        Assert.Equal([message], result.Failures);
    }

    [Fact]
    public void Bad_scope_overrides_name_their_key()
    {
        var repository = new RepositoryOptions { Repo = "pytorch/pytorch" };
        repository.Scope.Workflows = "(unclosed";
        repository.Scope.FailureConclusions = ["failure"];
        repository.Scope.SuccessConclusions = ["failure"];

        var failures = new ExporterOptionsValidator().Validate(null, new ExporterOptions { Repositories = [repository] }).Failures!.ToList();

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("TrunkExporter:Repositories:0:Scope:Workflows is not a valid regular expression", failures[0], StringComparison.Ordinal);
        Assert.Equal("TrunkExporter:Repositories:0:Scope lists 'failure' as both a failure and a success conclusion.", failures[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_excluded_name_part_is_refused_because_it_would_exclude_every_job(string part)
    {
        var repository = new RepositoryOptions { Repo = "pytorch/pytorch" };
        repository.Scope.ExcludeJobNamesContaining = ["mem_leak_check", part];

        var result = new ExporterOptionsValidator().Validate(null, new ExporterOptions { Repositories = [repository] });

        Assert.Equal(
            ["TrunkExporter:Repositories:0:Scope:ExcludeJobNamesContaining:1 is empty; it would exclude every job: remove it or give a name part."],
            result.Failures);
    }

    [Theory]
    [InlineData("pytorch/pytorch", true)]
    [InlineData("pytorch", false)]
    [InlineData("pytorch/", false)]
    [InlineData("/pytorch", false)]
    [InlineData(" /pytorch", false)]
    [InlineData("a/b/c", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void One_rule_decides_what_a_repository_name_is(string? repo, bool valid) => Assert.Equal(valid, RepositoryName.IsValid(repo));

    [Fact]
    public void No_repositories_and_duplicates_are_refused()
    {
        Assert.Contains("TrunkExporter:Repositories is empty", Assert.Single(new ExporterOptionsValidator().Validate(null, new ExporterOptions()).Failures!), StringComparison.Ordinal);

        var twice = new ExporterOptions { Repositories = [new() { Repo = "a/b" }, new() { Repo = "a/b" }] };
        Assert.Equal(["TrunkExporter:Repositories:1 repeats a/b branch main; each branch may be configured once."], new ExporterOptionsValidator().Validate(null, twice).Failures);
    }

    [Fact]
    public async Task Serve_fails_fast_with_one_line_per_problem_naming_the_key()
    {
        using var error = new StringWriter();

        var exit = await ServeCommand.RunAsync(
            ["--urls", "http://127.0.0.1:0", "--TrunkExporter:Repositories:0:Repo=pytorch", "--TrunkExporter:Repositories:0:Window=0"],
            error,
            CancellationToken.None);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Equal(
            [
                "trunk-exporter: configuration error: TrunkExporter:Repositories:0:Repo must be owner/name (got 'pytorch').",
                "trunk-exporter: configuration error: TrunkExporter:Repositories:0:Window must be between 1 and 1000 commits (got 0).",
            ],
            error.ToString().TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_its_key()
    {
        using var error = new StringWriter();

        var exit = await ServeCommand.RunAsync(["--urls", "http://127.0.0.1:0", "--TrunkExporter:RefreshInterval=soon"], error, CancellationToken.None);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("TrunkExporter:RefreshInterval", Assert.Single(error.ToString().TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
    }
}
