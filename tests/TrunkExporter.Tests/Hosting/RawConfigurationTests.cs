using TrunkExporter.Cli;
using TrunkExporter.Configuration;
using TrunkExporter.Hosting;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Hosting;

/// <summary>
/// Issue 11, items 1 and 8: a value that does not convert, an unknown key or a misnumbered list entry
/// stops <c>serve</c> with exit code 2 and one line naming the key, never a silently dropped repository.
/// </summary>
public sealed class RawConfigurationTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _replay;

    public RawConfigurationTests()
    {
        _replay = _directory.File("trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F F F"), _replay);
    }

    [Theory]
    [InlineData("Window", "5O", "TrunkExporter:Repositories:1:Window must be a whole number (got '5O').")]
    [InlineData("Window", "", "TrunkExporter:Repositories:1:Window must be a whole number (got '').")]
    [InlineData("ShiftTimesToNow", "yes", "TrunkExporter:Repositories:1:ShiftTimesToNow must be true or false (got 'yes').")]
    public async Task A_repository_whose_setting_does_not_convert_stops_start_up_instead_of_being_dropped(string key, string value, string line)
    {
        var (exit, error) = await ServeAsync(
            $"--TrunkExporter:Repositories:0:Repo=pytorch/pytorch",
            $"--TrunkExporter:Repositories:0:ReplayFile={_replay}",
            "--TrunkExporter:Repositories:1:Repo=pytorch/vision",
            $"--TrunkExporter:Repositories:1:{key}={value}");

        Assert.Equal((ExitCodes.BadConfiguration, $"trunk-exporter: configuration error: {line}"), (exit, error));
    }

    [Fact]
    public async Task A_single_repository_whose_setting_does_not_convert_is_named_not_reported_as_an_empty_list()
    {
        var (exit, error) = await ServeAsync("--TrunkExporter:Repositories:0:Repo=pytorch/pytorch", "--TrunkExporter:Repositories:0:Window=5O");

        Assert.Equal(
            (ExitCodes.BadConfiguration, "trunk-exporter: configuration error: TrunkExporter:Repositories:0:Window must be a whole number (got '5O')."),
            (exit, error));
    }

    [Theory]
    [InlineData("TrunkExporter:GitHub:PerPage", "lots", "a whole number")]
    [InlineData("TrunkExporter:GitHub:RequestTimeout", "soon", "a duration such as 00:01:00 (hh:mm:ss, or d.hh:mm:ss)")]
    [InlineData("TrunkExporter:RefreshInterval", "soon", "a duration such as 00:01:00 (hh:mm:ss, or d.hh:mm:ss)")]
    [InlineData("TrunkExporter:Server:MaxConcurrentConnections", "many", "a whole number")]
    [InlineData("TrunkExporter:MaxSnapshotBytes", "256MiB", "a whole number")]
    public async Task A_value_that_does_not_convert_names_its_key_and_value_in_every_section(string key, string value, string form)
    {
        var (exit, error) = await ServeAsync("--TrunkExporter:Repositories:0:Repo=pytorch/pytorch", $"--{key}={value}");

        Assert.Equal((ExitCodes.BadConfiguration, $"trunk-exporter: configuration error: {key} must be {form} (got '{value}')."), (exit, error));
    }

    [Theory]
    [InlineData("TrunkExporter:GitHub:Token", "did you mean TrunkExporter:GitHub:TokenFile?")]
    [InlineData("TrunkExporter:RefreshIntervall", "did you mean TrunkExporter:RefreshInterval?")]
    [InlineData("TrunkExporter:Repositories:0:Windw", "did you mean TrunkExporter:Repositories:0:Window?")]
    [InlineData("TrunkExporter:Repositories:0:Scope:ShardPatern", "did you mean TrunkExporter:Repositories:0:Scope:ShardPattern?")]
    [InlineData("TrunkExporter:GitHub:apibaseurl2", "did you mean TrunkExporter:GitHub:ApiBaseUrl?")]
    [InlineData("TrunkExporter:Colour", "the settings here are RefreshInterval, MaxSnapshotBytes, DataDirectory, Server, Repositories, GitHub, IssueBridge.")]
    public async Task An_unknown_key_is_refused_naming_it_with_the_closest_setting_and_never_its_value(string key, string hint)
    {
        var (exit, error) = await ServeAsync("--TrunkExporter:Repositories:0:Repo=pytorch/pytorch", $"--{key}=ghp_secretvalue");

        Assert.Equal((ExitCodes.BadConfiguration, $"trunk-exporter: configuration error: {key} is not a setting of the exporter; {hint}"), (exit, error));
        Assert.DoesNotContain("ghp_secretvalue", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x", "TrunkExporter:Repositories:x is not a list entry: entries of TrunkExporter:Repositories are numbered 0, 1, 2, ...")]
    [InlineData("2", "TrunkExporter:Repositories:2 follows entry 0: number the entries of TrunkExporter:Repositories 0, 1, 2, ... without gaps.")]
    public async Task List_entries_are_numbered_without_gaps_so_every_message_names_the_right_entry(string index, string line)
    {
        var (exit, error) = await ServeAsync(
            "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch",
            $"--TrunkExporter:Repositories:0:ReplayFile={_replay}",
            $"--TrunkExporter:Repositories:{index}:Repo=pytorch/vision");

        Assert.Equal((ExitCodes.BadConfiguration, $"trunk-exporter: configuration error: {line}"), (exit, error));
    }

    [Fact]
    public async Task A_single_value_where_a_section_belongs_is_refused()
    {
        var (exit, error) = await ServeAsync("--TrunkExporter:Repositories:0:Repo=pytorch/pytorch", "--TrunkExporter:Repositories:0:Scope=pull");

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.StartsWith("trunk-exporter: configuration error: TrunkExporter:Repositories:0:Scope is a section (", error, StringComparison.Ordinal);
        Assert.EndsWith("), not a single value (got 'pull').", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_valid_repositories_still_start()
    {
        var second = _directory.File("vision.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("S") with { Repo = "pytorch/vision" }, second);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var (exit, error) = await ServeAsync(
            stop.Token,
            "--TrunkExporter:Repositories:0:Repo=pytorch/pytorch",
            $"--TrunkExporter:Repositories:0:ReplayFile={_replay}",
            "--TrunkExporter:Repositories:1:Repo=pytorch/vision",
            $"--TrunkExporter:Repositories:1:ReplayFile={second}",
            "--TrunkExporter:Repositories:1:Scope:ExcludeJobNamesContaining:0=flaky",
            "--TrunkExporter:GitHub:PerPage=50");

        Assert.Equal((ExitCodes.Ok, string.Empty), (exit, error));
    }

    [Theory]
    [InlineData("Token", new[] { "TokenFile", "ApiBaseUrl" }, "TokenFile")]
    [InlineData("Windw", new[] { "Window", "Team" }, "Window")]
    [InlineData("colour", new[] { "Window", "Team" }, null)]
    [InlineData("T", new[] { "Team", "TokenFile" }, null)]
    public void The_closest_name_is_a_cut_short_name_or_one_a_few_edits_away(string typed, string[] known, string? closest) =>
        Assert.Equal(closest, ClosestName.Find(typed, known));

    public void Dispose() => _directory.Dispose();

    private static Task<(int Exit, string Error)> ServeAsync(params string[] args) => ServeAsync(CancellationToken.None, args);

    private static async Task<(int Exit, string Error)> ServeAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var error = new StringWriter();
        var exit = await ServeCommand.RunAsync(["--urls", "http://127.0.0.1:0", .. args], error, cancellationToken);
        return (exit, error.ToString().TrimEnd('\n'));
    }
}

/// <summary>The guard behind the raw check: a list that bound fewer entries than the configuration gives is refused, never served short.</summary>
public sealed class BindingCompletenessTests
{
    [Fact]
    public void A_repository_the_binder_dropped_is_refused_after_binding()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TrunkExporter:Repositories:0:Repo"] = "pytorch/pytorch",
            ["TrunkExporter:Repositories:1:Repo"] = "pytorch/vision",
            ["TrunkExporter:Repositories:1:Scope:FailureConclusions:0"] = "failure",
            ["TrunkExporter:Repositories:1:Scope:FailureConclusions:1"] = "timed_out",
        }).Build();
        var validator = new BindingCompletenessValidator(configuration);

        var dropped = validator.Validate(null, new ExporterOptions { Repositories = [new() { Repo = "pytorch/pytorch" }] });
        var shortList = new RepositoryOptions { Repo = "pytorch/vision" };
        shortList.Scope.FailureConclusions = ["failure"];
        var shortened = validator.Validate(null, new ExporterOptions { Repositories = [new() { Repo = "pytorch/pytorch" }, shortList] });

        Assert.Equal(["TrunkExporter:Repositories has 2 entries in the configuration but 1 could be read; check each entry's values."], dropped.Failures);
        Assert.Equal(["TrunkExporter:Repositories:1:Scope:FailureConclusions has 2 entries in the configuration but 1 could be read; check each entry's values."], shortened.Failures);
    }

    [Fact]
    public void Complete_binding_passes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TrunkExporter:Repositories:0:Repo"] = "pytorch/pytorch",
        }).Build();

        Assert.True(new BindingCompletenessValidator(configuration).Validate(null, new ExporterOptions { Repositories = [new() { Repo = "pytorch/pytorch" }] }).Succeeded);
    }
}
