using TrunkExporter.Cli;
using TrunkExporter.Samples;
using TrunkExporter.Snapshots;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Samples;

/// <summary>The committed samples are exactly what the generator makes, so they cannot drift from it.</summary>
public sealed class SampleFilesTests
{
    [Theory]
    [InlineData("p2")]
    [InlineData("p1")]
    public void The_sample_command_with_the_default_seed_reproduces_the_committed_file_byte_for_byte(string scenario)
    {
        var committed = RepoPaths.InRepo("samples", $"trunk-{scenario}.json");
        var regenerated = Path.Combine(Path.GetTempPath(), $"trunk-{scenario}-{Guid.NewGuid():N}.json");
        try
        {
            var console = new StringWriter();
            var error = new StringWriter();

            var exit = SampleCommand.Run(SampleCommand.ParseScenario(scenario), seed: null, new FileInfo(regenerated), console, error);

            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Empty(error.ToString());
            Assert.Contains("55 commits", console.ToString(), StringComparison.Ordinal);
            var expected = File.ReadAllBytes(committed);
            var actual = File.ReadAllBytes(regenerated);
            Assert.True(
                expected.AsSpan().SequenceEqual(actual),
                $"{committed} differs from what the generator makes now ({expected.Length} vs {actual.Length} bytes): run 'make samples' and commit the result.");
        }
        finally
        {
            File.Delete(regenerated);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_another_trunk()
    {
        var first = Serialize(SampleTrunkGenerator.Generate(SampleScenario.P2, 7));
        var again = Serialize(SampleTrunkGenerator.Generate(SampleScenario.P2, 7));
        var other = Serialize(SampleTrunkGenerator.Generate(SampleScenario.P2, 8));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Both_scenarios_share_every_commit_and_p1_only_adds_failures()
    {
        var p2 = SampleTrunkGenerator.Generate(SampleScenario.P2, SampleTrunkGenerator.DefaultSeed(SampleScenario.P2));
        var p1 = SampleTrunkGenerator.Generate(SampleScenario.P1, SampleTrunkGenerator.DefaultSeed(SampleScenario.P1));

        Assert.Equal(p2.Commits.Select(commit => (commit.Sha, commit.Time, commit.Title)), p1.Commits.Select(commit => (commit.Sha, commit.Time, commit.Title)));
        var changed = p2.Commits.Zip(p1.Commits)
            .SelectMany(pair => pair.First.Jobs.Zip(pair.Second.Jobs))
            .Where(pair => pair.First != pair.Second)
            .ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, pair =>
        {
            Assert.Equal(pair.First.Name, pair.Second.Name);
            Assert.Equal("failure", pair.Second.Conclusion);
        });
    }

    [Fact]
    public void An_unwritable_output_is_one_line_naming_the_path_and_a_non_zero_exit()
    {
        var console = new StringWriter();
        var error = new StringWriter();
        var blocker = Path.Combine(Path.GetTempPath(), $"not-a-directory-{Guid.NewGuid():N}");
        File.WriteAllText(blocker, string.Empty);
        try
        {
            var target = Path.Combine(blocker, "trunk.json");

            var exit = SampleCommand.Run(SampleScenario.P2, seed: null, new FileInfo(target), console, error);

            Assert.Equal(ExitCodes.BadInput, exit);
            var line = Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
            Assert.Contains(target, line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    private static byte[] Serialize(TrunkSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        SnapshotWriter.Write(snapshot, stream);
        return stream.ToArray();
    }
}
