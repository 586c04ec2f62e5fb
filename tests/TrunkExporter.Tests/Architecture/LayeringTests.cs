using System.Text.RegularExpressions;

namespace TrunkExporter.Tests.Architecture;

/// <summary>
/// Layers without loops (docs/architecture.md): every folder of exporter/ may import only the folders that
/// <see cref="Allowed"/> lists for it, and that table has no cycle. Read from the source, so a <c>using</c>,
/// a <c>using static</c>, a fully qualified name and a <c>cref</c> all count; a file's namespace must follow
/// its folder, because a file declared into another folder's namespace would see that folder's types unannounced.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>exporter/*.cs: only the entry point, which has no namespace.</summary>
    private const string Root = "(root)";

    /// <summary>
    /// THE table: each folder of exporter/ and the folders it may import, lowest layer first.
    /// A new folder goes here, with the fewest imports it needs; an import missing here is a design
    /// decision, so change the table (and docs/architecture.md) rather than work around it.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Core"] = [],
        ["Files"] = ["Core"],
        ["Snapshots"] = ["Core", "Files"],
        ["Health"] = ["Core", "Snapshots"],
        ["Configuration"] = ["Core", "Files", "Health", "Snapshots"],
        ["Metrics"] = ["Core", "Health"],
        ["GitHub"] = ["Core", "Metrics", "Snapshots"],
        ["Sources"] = ["Core", "Configuration", "Files", "GitHub", "Snapshots"],
        ["IssueBridge"] = ["Core", "GitHub"],
        ["Refresh"] = ["Core", "Configuration", "Health", "Metrics", "Snapshots", "Sources"],
        ["Hud"] = ["Core", "Configuration", "Health", "Refresh"],
        ["Hosting"] = ["Core", "Configuration", "Files", "GitHub", "Health", "Hud", "IssueBridge", "Metrics", "Refresh", "Snapshots", "Sources"],
        ["Cli"] = ["Core", "Configuration", "Files", "GitHub", "Health", "Hosting", "Metrics", "Refresh", "Snapshots", "Sources"],
        [Root] = ["Cli"],
    };

    private static string Exporter => RepoPaths.InRepo("exporter");

    [Fact]
    public void Every_folder_imports_only_what_the_table_allows()
    {
        var files = Directory.EnumerateFiles(Exporter, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Exporter, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(path => (path, File.ReadAllText(Path.Combine(Exporter, path))))
            .ToList();
        Assert.NotEmpty(files);

        var violations = Violations(files);

        Assert.True(violations.Count == 0, "Layering violations (the table is in tests/TrunkExporter.Tests/Architecture/LayeringTests.cs):\n" + string.Join('\n', violations));
    }

    [Fact]
    public void The_table_names_only_its_own_folders_and_has_no_cycle()
    {
        foreach (var (folder, imports) in Allowed)
        {
            Assert.DoesNotContain(folder, imports);
            var unknown = imports.Where(import => !Allowed.ContainsKey(import)).ToArray();
            Assert.True(unknown.Length == 0, $"{folder} may import {string.Join(", ", unknown)}, which the table does not list as a folder.");
            Assert.True(folder == Root || Directory.Exists(Path.Combine(Exporter, folder)), $"The table lists {folder}, but exporter/{folder}/ does not exist: remove it from the table.");
        }

        var cycle = FindCycle();
        Assert.True(cycle is null, $"The layering table has a cycle: {string.Join(" -> ", cycle ?? [])}.");
    }

    /// <summary>The checker itself, on made-up files: a test that cannot fail would prove nothing.</summary>
    [Theory]
    [InlineData("Snapshots/Bad.cs", "using TrunkExporter.Refresh;\n\nnamespace TrunkExporter.Snapshots;\n", "Snapshots/Bad.cs: Snapshots may not import Refresh (it may import Core, Files).")]
    [InlineData("Core/Bad.cs", "namespace TrunkExporter.Core;\n\n/// <see cref=\"TrunkExporter.Health.TrunkHealth\"/>\ninternal sealed class Bad;\n", "Core/Bad.cs: Core may not import Health (it may import nothing).")]
    [InlineData("Health/Bad.cs", "namespace TrunkExporter.Health;\n\ninternal sealed class Bad(TrunkExporter.Hud.HudSettings settings);\n", "Health/Bad.cs: Health may not import Hud (it may import Core, Snapshots).")]
    [InlineData("Health/Bad.cs", "namespace TrunkExporter.Refresh;\n", "Health/Bad.cs: declares namespace TrunkExporter.Refresh, but its folder says TrunkExporter.Health.")]
    [InlineData("Webhooks/Receiver.cs", "namespace TrunkExporter.Webhooks;\n", "Webhooks/Receiver.cs: exporter/Webhooks/ is not in the layering table: add \"Webhooks\" to LayeringTests.Allowed with the folders it may import (and a line to docs/architecture.md).")]
    [InlineData("Helper.cs", "namespace TrunkExporter;\n", "Helper.cs: only Program.cs lives in exporter/ itself; put this file in a folder of the table.")]
    public void A_backwards_import_is_reported_with_its_file_and_rule(string path, string text, string expected) =>
        Assert.Equal([expected], Violations([(path, text)]));

    [Theory]
    [InlineData("Hud/Good.cs", "using TrunkExporter.Refresh;\n// Not TrunkExporter.Hosting: a plain comment is no import.\nnamespace TrunkExporter.Hud;\n")]
    [InlineData("GitHub/Reading/Good.cs", "using TrunkExporter.GitHub.Wire;\nusing TrunkExporter.Snapshots;\n\nnamespace TrunkExporter.GitHub.Reading;\n")]
    public void Allowed_imports_and_subfolders_pass(string path, string text) => Assert.Empty(Violations([(path, text)]));

    private static List<string> Violations(IEnumerable<(string Path, string Text)> files)
    {
        var violations = new List<string>();
        foreach (var (path, text) in files)
        {
            var parts = path.Split('/');
            if (parts.Length == 1)
            {
                if (path != "Program.cs")
                {
                    violations.Add($"{path}: only Program.cs lives in exporter/ itself; put this file in a folder of the table.");
                }

                continue;
            }

            var folder = parts[0];
            if (!Allowed.TryGetValue(folder, out var allowed))
            {
                violations.Add($"{path}: exporter/{folder}/ is not in the layering table: add \"{folder}\" to LayeringTests.Allowed with the folders it may import (and a line to docs/architecture.md).");
                continue;
            }

            var expectedNamespace = "TrunkExporter." + string.Join('.', parts[..^1]);
            if (NamespaceDeclaration().Match(text) is { Success: true } declared && declared.Groups[1].Value != expectedNamespace)
            {
                violations.Add($"{path}: declares namespace {declared.Groups[1].Value}, but its folder says {expectedNamespace}.");
            }

            var code = NamespaceDeclaration().Replace(LineComment().Replace(text, string.Empty), string.Empty);
            foreach (var import in Reference().Matches(code).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                if (import != folder && !allowed.Contains(import))
                {
                    violations.Add($"{path}: {folder} may not import {import} (it may import {(allowed.Length == 0 ? "nothing" : string.Join(", ", allowed))}).");
                }
            }
        }

        return violations;
    }

    /// <summary>A path around a cycle of the table (first folder repeated at the end), or null.</summary>
    private static string[]? FindCycle()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        string[]? Visit(string folder)
        {
            if (path.IndexOf(folder) is var at and >= 0)
            {
                return [.. path[at..], folder];
            }

            if (!done.Add(folder))
            {
                return null;
            }

            path.Add(folder);
            foreach (var import in Allowed.GetValueOrDefault(folder, []))
            {
                if (Visit(import) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return Allowed.Keys.Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    /// <summary>Any mention of a project namespace in code, a using or a cref.</summary>
    [GeneratedRegex(@"\bTrunkExporter\.([A-Z]\w*)")]
    private static partial Regex Reference();

    /// <summary>A <c>//</c> comment (not a <c>///</c> documentation comment, whose crefs are references).</summary>
    [GeneratedRegex(@"(?<![/:])//(?!/).*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();
}
