using System.Text;

namespace TrunkExporter.Stack;

/// <summary>What a finished tool said: its exit code and both output streams.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe() => new StringBuilder()
        .Append("exit code ").Append(ExitCode).AppendLine()
        .AppendLine("--- stdout ---").AppendLine(StandardOutput)
        .AppendLine("--- stderr ---").AppendLine(StandardError)
        .ToString();
}
