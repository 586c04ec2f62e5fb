using System.Text.Json;
using TrunkExporter.Tests.AlertRules;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Mixin;

/// <summary>The mixin rendered into a scratch folder, as <c>make rules</c> renders it (scripts/rules.sh).</summary>
internal sealed class MixinRender : IDisposable
{
    private readonly TempDirectory _directory = new();

    private MixinRender()
    {
    }

    public string Root => _directory.Path;

    /// <summary>Every rendered file, by its path from the root with '/' separators.</summary>
    public IReadOnlyList<string> Files =>
        [.. Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    public static async Task<MixinRender> RenderAsync(IReadOnlyDictionary<string, object>? settings = null)
    {
        var render = new MixinRender();
        try
        {
            List<string> arguments = [RepoPaths.InRepo("scripts", "rules.sh"), render.Root];
            if (settings is not null)
            {
                arguments.Add(JsonSerializer.Serialize(settings));
            }

            var result = await ExternalTool.RunAsync("bash", arguments);
            Assert.True(result.ExitCode == 0, result.Describe());
            return render;
        }
        catch
        {
            render.Dispose();
            throw;
        }
    }

    public string Text(string file) => File.ReadAllText(Path.Combine(Root, file));

    public string PathOf(string file) => Path.Combine(Root, file);

    /// <summary>The mixin's _config as its defaults set it.</summary>
    public static async Task<JsonElement> DefaultConfigAsync()
    {
        var result = await ExternalTool.RunAsync("jsonnet", ["-e", "(import 'mixin.libsonnet')._config"], workingDirectory: AlertPack.MixinDirectory);
        Assert.True(result.ExitCode == 0, result.Describe());
        return JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
    }

    public void Dispose() => _directory.Dispose();
}
