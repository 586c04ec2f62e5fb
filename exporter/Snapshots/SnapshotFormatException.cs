using System.Globalization;
using System.Text;

namespace TrunkExporter.Snapshots;

/// <summary>A snapshot file that cannot be loaded; the message is the one line an operator reads.</summary>
internal sealed class SnapshotFormatException : Exception
{
    public SnapshotFormatException(string source, string jsonPath, string problem, Exception? inner = null)
        : base($"snapshot {OneLine(source)}: {OneLine(jsonPath)}: {OneLine(problem)}", inner)
    {
        SourceName = source;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The file's path, or the name a caller gave in-memory bytes (not <see cref="Exception.Source"/>, which names the throwing assembly).</summary>
    public string SourceName { get; }

    public string JsonPath { get; }

    public string Problem { get; }

    /// <summary>A value quoted from the file (a name with a newline, say) must not break the message into two lines.</summary>
    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var line = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return line.ToString();
    }
}
