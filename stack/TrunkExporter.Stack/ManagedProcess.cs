using System.Diagnostics;

namespace TrunkExporter.Stack;

/// <summary>
/// A child process of a test: its output is kept for failure messages, and disposing it kills it
/// with its children, so no server outlives the test that started it.
/// </summary>
internal sealed class ManagedProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly OutputTail _output = new();

    private ManagedProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    /// <summary>
    /// True once the process has exited and its output has been read to the end (bounded, since a
    /// grandchild holding the pipes open would otherwise hold the caller), so Describe() shows its last words.
    /// </summary>
    public async Task<bool> HasExitedAsync(CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            return false;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            // Unlike WaitForExit(timeout), this also waits for the output handlers to see the end of the streams.
            await _process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Output still open after 5 s: describe what was read so far.
        }

        return true;
    }

    public string Output => _output.ToString();

    /// <param name="environment">Variables to set for the child only (a token, for instance).</param>
    public static ManagedProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must listen where the harness says, not where the test host's environment points.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var managed = new ManagedProcess(name, process);
        process.OutputDataReceived += (_, line) => managed._output.Add(line.Data);
        process.ErrorDataReceived += (_, line) => managed._output.Add(line.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"{name} did not start: {fileName} {string.Join(' ', start.ArgumentList)}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    public bool OutputContains(string text) => _output.Contains(text);

    /// <summary>One paragraph for a failure message: what ran, whether it exited, and its last output.</summary>
    public string Describe()
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "still running";
        return $"{Name} (pid {_process.Id}, {state}); its last output:\n{_output}";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var exited = new CancellationTokenSource(ExitTimeout);
            await _process.WaitForExitAsync(exited.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or it ignored the kill for 10 s: nothing more a test can do.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
