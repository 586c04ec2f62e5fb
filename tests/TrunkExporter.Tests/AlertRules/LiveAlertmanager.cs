using System.Diagnostics;
using System.Text;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.AlertRules;

/// <summary>
/// Debian's Alertmanager 0.25 on a free loopback port, running the pack's configuration with the
/// sink rewritten to a closed port (no notification leaves the test). Killed and its storage
/// deleted when the tests are done.
/// </summary>
public sealed class LiveAlertmanager : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "trunk-alertmanager-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Uri Url { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "templates"));
        foreach (var template in Directory.GetFiles(Path.GetDirectoryName(AlertPack.TemplatesGlob)!, "*.tmpl"))
        {
            File.Copy(template, Path.Combine(_directory, "templates", Path.GetFileName(template)));
        }

        var config = Path.Combine(_directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(AlertPack.AlertmanagerConfig))
            .Replace(AlertPack.SinkBase, "http://127.0.0.1:1", StringComparison.Ordinal));

        var port = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(ExternalTool.Require("prometheus-alertmanager"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + config,
            "--storage.path=" + Path.Combine(_directory, "data"),
            $"--web.listen-address=127.0.0.1:{port}",
            "--web.external-url=" + Url.ToString().TrimEnd('/'),
            "--cluster.listen-address=",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus-alertmanager did not start.");
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var ready = await Http.GetAsync(new Uri(Url, "/-/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Alertmanager was not ready on {Url} within {StartTimeout}:\n{Log}");
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        Http.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
