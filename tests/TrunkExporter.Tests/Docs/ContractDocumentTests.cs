using System.Text.RegularExpressions;
using TrunkExporter.Metrics;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Docs;

/// <summary>
/// docs/trunk-health.md is the contract inside the repository: every "contract section N" that the
/// code cites is one of its sections, and its metric table names the trunk families the exporter serves.
/// </summary>
public sealed partial class ContractDocumentTests
{
    private static readonly string Contract = File.ReadAllText(RepoPaths.InRepo("docs", "trunk-health.md"));

    [Fact]
    public void Every_contract_section_the_code_cites_is_a_section_of_the_document()
    {
        var sections = SectionHeading().Matches(Contract).Select(match => match.Groups[1].Value).ToHashSet();
        var cited = new List<(string File, string Section)>();
        foreach (var folder in new[] { "exporter", "stack", "tests", "bench" })
        {
            foreach (var file in Directory.EnumerateFiles(RepoPaths.InRepo(folder), "*.cs", SearchOption.AllDirectories)
                         .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                        && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match match in Citation().Matches(File.ReadAllText(file)))
                {
                    cited.Add((Path.GetRelativePath(RepoPaths.InRepo(), file), match.Groups[1].Value));
                }
            }
        }

        Assert.NotEmpty(cited);
        Assert.All(cited, citation => Assert.True(
            sections.Contains(citation.Section),
            $"{citation.File} cites contract section {citation.Section}, which docs/trunk-health.md does not have (it has {string.Join(", ", sections.Order())})"));
    }

    [Fact]
    public void The_metric_table_names_every_trunk_family_the_exporter_serves()
    {
        var trunkFamilies = MetricCatalog.All.Select(family => family.Name)
            .Where(name => !name.StartsWith("trunk_exporter_", StringComparison.Ordinal))
            .ToArray();

        Assert.NotEmpty(trunkFamilies);
        Assert.All(trunkFamilies, name => Assert.Contains($"| `{name}` |", Contract, StringComparison.Ordinal));
    }

    [Fact]
    public void The_readme_links_the_document_instead_of_a_file_outside_the_repository()
    {
        var readme = File.ReadAllText(RepoPaths.InRepo("README.md"));

        Assert.Contains("](docs/trunk-health.md)", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("shared/spec", readme, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^## (\d+)\. ", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"contract(?:'s)? sections? (\d+)")]
    private static partial Regex Citation();
}
