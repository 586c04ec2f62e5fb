using TrunkExporter.Metrics;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Docs;

/// <summary>The README is the operator's reference: its metric table must say what /metrics says.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepoPaths.InRepo("README.md"));

    public static TheoryData<string> Families() => [.. MetricCatalog.All.Select(family => family.Name)];

    [Theory]
    [MemberData(nameof(Families))]
    public void The_metric_table_has_every_family_with_its_type_labels_and_help_sentence(string name)
    {
        var family = MetricCatalog.All.Single(candidate => candidate.Name == name);
        var labels = string.Join(", ", family.LabelNames);
        var type = family.Type == MetricType.Counter ? "counter" : "gauge";

        Assert.Contains($"| `{family.Name}` | {type} | {labels} | {family.Help} |", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_metric_table_lists_nothing_the_exporter_does_not_serve()
    {
        var listed = Readme.Split('\n')
            .Where(line => line.StartsWith("| `trunk_", StringComparison.Ordinal))
            .Select(line => line.Split('`')[1]);

        Assert.Equal(MetricCatalog.All.Select(family => family.Name).Order(), listed.Order());
    }

    [Fact]
    public void The_readme_gives_the_two_set_up_commands_and_ci_runs_the_test_one()
    {
        Assert.Contains("make demo", Readme, StringComparison.Ordinal);
        Assert.Contains("make test", Readme, StringComparison.Ordinal);
        Assert.Contains("make test", File.ReadAllText(RepoPaths.InRepo(".ci", "run")), StringComparison.Ordinal);
    }
}
