using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Snapshots;

public sealed class SnapshotRoundTripTests
{
    [Fact]
    public void Writing_then_reading_gives_back_the_same_snapshot()
    {
        var original = TrunkBuilder.Snapshot(
            [
                new SnapshotJob("pull", "odd \"quoted\" \\ name, (1, 2) <é>", "completed", "failure", 3, "https://example.test/1"),
                new SnapshotJob("trunk", "x / build", "in_progress"),
            ],
            []) with { CapturedAt = new DateTimeOffset(2026, 11, 18, 15, 9, 0, 123, TimeSpan.Zero) };
        original = original with { Commits = [original.Commits[0] with { Author = "octocat" }, original.Commits[1] with { Pr = null, Title = null }] };

        using var stream = new MemoryStream();
        SnapshotWriter.Write(original, stream);
        var read = SnapshotReader.Read(stream.ToArray(), "round-trip");

        Assert.Equal(Normalize(original), Normalize(read));
    }

    [Fact]
    public void The_file_is_replaced_whole_and_leaves_no_temporary_file()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "trunk.json");
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F S"), path);
        SnapshotWriter.WriteFile(TrunkBuilder.Timeline("F F F"), path);

        Assert.Equal(3, SnapshotReader.ReadFile(path).Commits.Count);
        Assert.Equal(["trunk.json"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Optional_fields_without_a_value_are_left_out()
    {
        using var stream = new MemoryStream();
        SnapshotWriter.Write(TrunkBuilder.Snapshot([new SnapshotJob("pull", "x", "queued")]) with { }, stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        Assert.DoesNotContain("\"conclusion\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"attempt\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"url\"", text, StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shifting_to_now_moves_every_time_by_the_same_amount()
    {
        var snapshot = TrunkBuilder.Timeline("F F S");
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var shifted = SnapshotTimeShift.NewestCommitAt(snapshot, now);

        Assert.Equal(now, shifted.Commits[0].Time);
        Assert.Equal(now.AddMinutes(-30), shifted.Commits[2].Time);
        Assert.Equal(snapshot.CapturedAt - snapshot.Commits[0].Time, shifted.CapturedAt - now);
        Assert.Equal(snapshot.Commits.Select(commit => commit.Sha), shifted.Commits.Select(commit => commit.Sha));
    }

    // Records compare lists by reference; compare their contents as text instead.
    private static string Normalize(TrunkSnapshot snapshot) => string.Join('\n',
        new[] { $"{snapshot.Repo} {snapshot.Branch} {snapshot.CapturedAt:O}" }.Concat(snapshot.Commits.SelectMany(commit =>
            new[] { $"{commit.Sha} {commit.Time:O} {commit.Title} {commit.Author} {commit.Pr}" }.Concat(commit.Jobs.Select(job => job.ToString())))));
}
