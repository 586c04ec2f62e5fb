using System.Collections;
using System.Globalization;
using System.Reflection;
using TrunkExporter.Configuration;
using TrunkExporter.GitHub;
using TrunkExporter.Health;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Docs;

/// <summary>
/// The README's configuration tables against the code: every setting of the options classes has a row,
/// every row is a setting, and every default written there is the default in force.
/// </summary>
public sealed class ConfigurationTableTests
{
    private const string MainHeader = "| key (under `TrunkExporter:`) | default | meaning |";
    private const string GitHubHeader = "| `TrunkExporter:GitHub:` | default | |";

    private static readonly string Readme = File.ReadAllText(RepoPaths.InRepo("README.md"));

    /// <summary>A scope setting left unset means the contract's default, which lives in <see cref="ScopeSettings"/>.</summary>
    private static readonly Dictionary<string, object> ScopeDefaults = new()
    {
        ["Repositories:Scope:Workflows"] = ScopeSettings.DefaultWorkflowPattern,
        ["Repositories:Scope:ExcludeJobNamesContaining"] = ScopeSettings.DefaultExcludedNameParts,
        ["Repositories:Scope:ShardPattern"] = ScopeSettings.DefaultShardPattern,
        ["Repositories:Scope:FailureConclusions"] = ScopeSettings.DefaultFailureConclusions,
        ["Repositories:Scope:SuccessConclusions"] = ScopeSettings.DefaultSuccessConclusions,
    };

    [Fact]
    public void The_main_table_lists_every_setting_with_the_default_in_force()
    {
        var documented = Table(MainHeader, key => key.Replace(":N:", ":", StringComparison.Ordinal) is var setting && setting.EndsWith(":K", StringComparison.Ordinal) ? setting[..^2] : setting);
        var code = Settings(new ExporterOptions(), string.Empty).ToDictionary(
            setting => setting.Key,
            setting => setting.Key == "Repositories:Repo" ? "(required)" : Render(ScopeDefaults.GetValueOrDefault(setting.Key) ?? setting.Value, human: false));

        Assert.Equal(code.OrderBy(pair => pair.Key, StringComparer.Ordinal), documented.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_github_table_lists_every_setting_with_the_default_in_force()
    {
        var documented = Table(GitHubHeader, key => key);
        var code = Settings(new GitHubOptions(), string.Empty).ToDictionary(setting => setting.Key, setting => Render(setting.Value, human: true));

        Assert.Equal(code.OrderBy(pair => pair.Key, StringComparer.Ordinal), documented.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_readme_default_of_the_shard_pattern_is_the_codes_byte_for_byte()
    {
        Assert.Contains($"| `Repositories:N:Scope:ShardPattern` | `{ScopeSettings.DefaultShardPattern.Replace("|", "\\|", StringComparison.Ordinal)}` |", Readme, StringComparison.Ordinal);
    }

    /// <summary>Rows of the table under <paramref name="header"/>: a cell "`A` / `B`" with "x / y" documents two settings.</summary>
    private static Dictionary<string, string> Table(string header, Func<string, string> normalize)
    {
        var lines = Readme.Split('\n');
        var start = Array.IndexOf(lines, header);
        Assert.True(start >= 0, $"README has no table headed {header}");
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 2).TakeWhile(line => line.StartsWith('|')))
        {
            var cells = line.Replace("\\|", "\u0001", StringComparison.Ordinal).Split('|').Select(cell => cell.Trim().Replace("\u0001", "|", StringComparison.Ordinal)).ToArray();
            var keys = cells[1].Split(" / ");
            var defaults = keys.Length == 1 ? [cells[2]] : cells[2].Split(" / ");
            Assert.True(keys.Length == defaults.Length, $"README row '{line}' pairs {keys.Length} keys with {defaults.Length} defaults");
            foreach (var (key, value) in keys.Zip(defaults))
            {
                Assert.True(rows.TryAdd(normalize(key.Trim('`')), value.Replace("`", string.Empty, StringComparison.Ordinal)), $"README documents {key} twice");
            }
        }

        return rows;
    }

    /// <summary>Every setting of an options object and its default, as configuration keys without list indexes.</summary>
    private static IEnumerable<(string Key, object? Value)> Settings(object options, string prefix)
    {
        // What the binder can set: a public setter, or a list or section it fills in place (a computed property is no setting).
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true } || (property.PropertyType.IsClass && property.PropertyType != typeof(string))))
        {
            var key = prefix + property.Name;
            var type = property.PropertyType;
            var value = property.GetValue(options);
            if (type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable).IsAssignableFrom(type) && element.IsClass && element != typeof(string))
            {
                foreach (var setting in Settings(Activator.CreateInstance(element, nonPublic: true)!, key + ":"))
                {
                    yield return setting;
                }
            }
            else if (type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type))
            {
                foreach (var setting in Settings(value!, key + ":"))
                {
                    yield return setting;
                }
            }
            else
            {
                yield return (key, value);
            }
        }
    }

    /// <summary>The README's spelling: durations as hh:mm:ss in the main table, as "30 s" or "5 min" in the GitHub one.</summary>
    private static string Render(object? value, bool human) => value switch
    {
        null => human ? "none" : "(none)",
        bool flag => flag ? "true" : "false",
        TimeSpan duration when human => duration.TotalSeconds < 120 || duration.Seconds != 0
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0} s")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0} min"),
        TimeSpan duration => duration.ToString("c", CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(", ", list),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
