using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrunkExporter.Cli;
using TrunkExporter.Configuration;
using TrunkExporter.Refresh;
using TrunkExporter.Snapshots;
using TrunkExporter.Sources;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Snapshots;

/// <summary>Issue 11, items 3 and 8: every malformed or unbounded snapshot is one line naming the file, never a stack trace or a hang.</summary>
public sealed class SnapshotHardeningTests : IDisposable
{
    private const string Valid = """
        {"version": 1, "repo": "pytorch/pytorch", "branch": "main", "capturedAt": "2026-11-18T15:09:00Z", "commits": [
          {"sha": "9769618d3591cd11cf481389943586ae632993bd", "time": "2026-11-18T15:01:12Z", "title": "Fix it",
           "jobs": [{"workflow": "pull", "name": "x / build", "status": "completed", "conclusion": "failure"}]}]}
        """;

    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData("\"name\": \"x / build\"", "\"name\": \"x \\ud800 build\"", "$.commits[0].jobs[0].name", "is not valid text: it holds a lone surrogate escape such as \\ud800")]
    [InlineData("\"title\": \"Fix it\"", "\"title\": \"Fix \\udfff\"", "$.commits[0].title", "is not valid text: it holds a lone surrogate escape such as \\ud800")]
    [InlineData("\"capturedAt\": \"2026-11-18T15:09:00Z\"", "\"capturedAt\": \"Nov 18 2026\"", "$.capturedAt", "'Nov 18 2026' is not an ISO 8601 time such as 2026-11-18T15:09:00Z")]
    [InlineData("\"time\": \"2026-11-18T15:01:12Z\"", "\"time\": \"18/11/2026 15:01\"", "$.commits[0].time", "'18/11/2026 15:01' is not an ISO 8601 time such as 2026-11-18T15:09:00Z")]
    [InlineData("\"time\": \"2026-11-18T15:01:12Z\"", "\"time\": \"2026-11-18T15:01:12Z\\n\"", "$.commits[0].time", "is not an ISO 8601 time")]
    [InlineData("\"branch\": \"main\"", "\"branch\": \"main\", \"branch\": \"release\"", "$.branch", "is given twice in one object")]
    [InlineData("\"title\": \"Fix it\"", "\"title\": \"Fix it\", \"sha\": \"8769618d3591cd11cf481389943586ae632993bd\"", "$.commits[0].sha", "is given twice in one object")]
    [InlineData("\"status\": \"completed\"", "\"status\": \"completed\", \"conclusion\": \"success\"", "$.commits[0].jobs[0].conclusion", "is given twice in one object")]
    [InlineData("\"repo\": \"pytorch/pytorch\"", "\"repo\": \"pytorch/pytorch\\n\"", "$.repo", "is not of the form owner/name")]
    [InlineData("\"repo\": \"pytorch/pytorch\"", "\"repo\": \"pytorch/py torch\"", "$.repo", "is not of the form owner/name")]
    [InlineData("\"branch\": \"main\"", "\"branch\": \"main\\nx\"", "$.branch", "must not contain control characters such as a newline")]
    public void A_snapshot_the_reader_once_accepted_or_crashed_on_is_one_line_naming_the_path(string find, string replace, string path, string problem)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);

        var error = Assert.Throws<SnapshotFormatException>(() => Read(Valid.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, 3, 43)]
    [InlineData(new byte[] { 0xC3 }, 3, 43)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 3, 43)]
    public void Invalid_utf8_is_one_line_with_its_position(byte[] bad, int line, int column)
    {
        var text = Encoding.UTF8.GetBytes(Valid);
        var at = Valid.IndexOf("x / build", StringComparison.Ordinal);
        byte[] bytes = [.. text[..at], .. bad, .. text[(at + 1)..]];

        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(bytes, "test.json"));

        Assert.Equal($"snapshot test.json: $: is not valid UTF-8 at line {line}, byte {column}", error.Message);
    }

    [Fact]
    public void A_valid_snapshot_with_iso_times_in_every_offset_form_still_reads()
    {
        var json = Valid.Replace("2026-11-18T15:01:12Z", "2026-11-18T16:01:12.1234567+01:00", StringComparison.Ordinal);

        Assert.Equal(new DateTimeOffset(2026, 11, 18, 15, 1, 12, TimeSpan.Zero).AddTicks(1234567), Read(json).Commits[0].Time);
    }

    [Fact]
    public void A_message_quoting_a_value_with_a_newline_stays_on_one_line()
    {
        var error = Assert.Throws<SnapshotFormatException>(() => Read(Valid.Replace("\"version\": 1", "\"a\\nb\": 1, \"a\\nb\": 2, \"version\": 1", StringComparison.Ordinal)));

        Assert.Equal("snapshot test.json: $.a\\nb: is given twice in one object", error.Message);
        var quoted = Assert.Throws<SnapshotFormatException>(() => Read(Valid.Replace("pytorch/pytorch", "a\\nb", StringComparison.Ordinal)));
        Assert.Equal("snapshot test.json: $.repo: 'a\\nb' is not of the form owner/name", quoted.Message);
    }

    [Fact]
    public async Task Scrape_of_a_fifo_is_one_line_at_once_instead_of_blocking()
    {
        var fifo = _directory.File("trunk.fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await mkfifo.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var scrape = Task.Run(() => Scrape(fifo));

        Assert.True(await Task.WhenAny(scrape, Task.Delay(TimeSpan.FromSeconds(20))) == scrape, "scrape --replay blocked on a FIFO");
        Assert.Equal((ExitCodes.BadInput, $"trunk-exporter: snapshot {fifo}: $: is a named pipe (FIFO), not a regular file; only regular files are read\n"), await scrape);
    }

    [Theory]
    [InlineData("/dev/zero", "a character device")]
    [InlineData("/dev/null", "a character device")]
    [InlineData("/tmp", "a directory")]
    public void Scrape_reads_only_regular_files(string path, string kind) =>
        Assert.Equal((ExitCodes.BadInput, $"trunk-exporter: snapshot {path}: $: is {kind}, not a regular file; only regular files are read\n"), Scrape(path));

    [Fact]
    public void Scrape_refuses_a_file_above_the_size_limit_before_reading_it()
    {
        var file = _directory.File("trunk.json");
        File.WriteAllText(file, Valid);

        Assert.Equal(
            (ExitCodes.BadInput, $"trunk-exporter: snapshot {file}: $: is larger than the limit of 100 bytes (TrunkExporter:MaxSnapshotBytes; scrape --max-bytes)\n"),
            Scrape(file, maxBytes: 100));
        Assert.Equal(ExitCodes.Ok, Scrape(file, maxBytes: Valid.Length).Exit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ExporterOptions.MaxMaxSnapshotBytes + 1)]
    public void Scrape_refuses_a_size_limit_out_of_range(long maxBytes) =>
        Assert.Equal(
            (ExitCodes.BadInput, $"trunk-exporter: --max-bytes must be between 1 and {ExporterOptions.MaxMaxSnapshotBytes} (got {maxBytes}).\n"),
            Scrape("/nonexistent.json", maxBytes));

    [Fact]
    public async Task Serve_logs_a_snapshot_with_a_lone_surrogate_as_one_line_naming_the_file()
    {
        var file = _directory.File("trunk.json");
        await File.WriteAllTextAsync(file, Valid.Replace("x / build", "x \\ud800 build", StringComparison.Ordinal));
        var target = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/pytorch", ReplayFile = file });
        var store = new TrunkStateStore([target]);
        using var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var refresher = new BranchRefresher([new ReplaySource(TimeProvider.System)], store, TimeProvider.System, factory.CreateLogger<BranchRefresher>());

        var state = await refresher.RefreshAsync(target, CancellationToken.None);

        var expected = $"snapshot {file}: $.commits[0].jobs[0].name: is not valid text: it holds a lone surrogate escape such as \\ud800";
        Assert.Equal(expected, state.LastError);
        Assert.Equal($"Refresh of pytorch/pytorch branch main failed, keeping the last good state: {expected}", Assert.Single(logs.Lines).Message);
    }

    [Fact]
    public async Task Serve_refuses_a_replay_file_over_the_configured_limit_in_its_refresh()
    {
        var file = _directory.File("trunk.json");
        await File.WriteAllTextAsync(file, Valid);
        var target = BranchTarget.From(new RepositoryOptions { Repo = "pytorch/pytorch", ReplayFile = file });
        var store = new TrunkStateStore([target]);
        var refresher = new BranchRefresher([new ReplaySource(TimeProvider.System, maxBytes: 64)], store, TimeProvider.System, NullLogger<BranchRefresher>.Instance);

        var state = await refresher.RefreshAsync(target, CancellationToken.None);

        Assert.Equal($"snapshot {file}: $: is larger than the limit of 64 bytes (TrunkExporter:MaxSnapshotBytes; scrape --max-bytes)", state.LastError);
    }

    [Fact]
    public void A_replay_file_that_is_not_a_regular_file_is_refused_at_start_up()
    {
        var result = new ExporterOptionsValidator().Validate(null, new ExporterOptions { Repositories = [new() { Repo = "pytorch/pytorch", ReplayFile = "/dev/zero" }] });

        Assert.Equal(["TrunkExporter:Repositories:0:ReplayFile '/dev/zero' is a character device, not a regular file."], result.Failures);
    }

    public void Dispose() => _directory.Dispose();

    private static TrunkSnapshot Read(string json) => SnapshotReader.Read(Encoding.UTF8.GetBytes(json), "test.json");

    private static (int Exit, string Error) Scrape(string file, long maxBytes = ExporterOptions.DefaultMaxSnapshotBytes)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ScrapeCommand.Run(new FileInfo(file), "prometheus", "dev-infra", 50, output, error, maxBytes);
        return (exit, error.ToString());
    }
}
