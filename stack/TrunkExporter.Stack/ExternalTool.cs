using System.Diagnostics;
using System.Text;

namespace TrunkExporter.Stack;

/// <summary>
/// Runs the real Debian binaries (promtool, amtool, prometheus, alertmanager). A missing tool fails
/// the test with the command that installs it: nothing is skipped silently.
/// </summary>
internal static class ExternalTool
{
    public static string Require(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var package = name switch
        {
            "amtool" or "prometheus-alertmanager" or "alertmanager" => "prometheus-alertmanager",
            "jsonnet" => "jsonnet",
            _ => "prometheus",
        };
        throw new InvalidOperationException(
            $"{name} is not installed: run 'make deps' (or 'apt-get install -y {package}') and test again.");
    }

    public static async Task<ToolResult> RunAsync(
        string name,
        IEnumerable<string> arguments,
        string? standardInput = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Require(name))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var cancel = new CancellationTokenSource(limit);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancel.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} {string.Join(' ', start.ArgumentList)} did not finish in {limit}.");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
