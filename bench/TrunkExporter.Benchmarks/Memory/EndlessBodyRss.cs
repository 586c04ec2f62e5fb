using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TrunkExporter.FakeGitHub;
using TrunkExporter.GitHub;

namespace TrunkExporter.Benchmarks.Memory;

/// <summary>
/// The exporter's memory against an endless GitHub body: a real <c>trunk-exporter serve</c> process
/// (the built assembly, as an operator runs it) reads a PyTorch-scale trunk from the fake GitHub on
/// 127.0.0.1 every second. Its idle RSS is sampled once the trunk is read, then the fake answers
/// <see cref="EndlessRefreshes"/> refreshes in a row with a body that never ends, and the peak is
/// sampled from /proc/PID/status (VmRSS every 50 ms, and the kernel's own high-water mark VmHWM).
/// Linux only; every wait is bounded.
/// </summary>
internal static class EndlessBodyRss
{
    private const string Repo = "pytorch/pytorch";
    private const int EndlessRefreshes = 20;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    /// <summary>Both a small trunk (the lowest idle, so the hardest ratio) and a PyTorch-scale one.</summary>
    public static async Task<int> RunAsync(TextWriter output)
    {
        var small = await RunAsync(output, new TrunkShape(Commits: 5, RunsPerCommit: 2, JobsPerCommit: 150, Seed: 21), window: 10);
        await output.WriteLineAsync();
        var pytorch = await RunAsync(output, TrunkShape.PyTorch, window: 50);
        return Math.Max(small, pytorch);
    }

    private static async Task<int> RunAsync(TextWriter output, TrunkShape shape, int window)
    {
        await using var fake = await FakeGitHubServer.StartAsync(PyTorchLikeTrunk.Create(shape), new FakeGitHubOptions { RateLimit = 1_000_000 });
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            typeof(GitHubOptions).Assembly.Location, "serve", "--urls", $"http://127.0.0.1:{port}",
            "--TrunkExporter:RefreshInterval=00:00:01",
            $"--TrunkExporter:Repositories:0:Repo={Repo}", "--TrunkExporter:Repositories:0:Team=dev-infra", $"--TrunkExporter:Repositories:0:Window={window}",
            $"--TrunkExporter:GitHub:ApiBaseUrl={fake.ApiBaseUrl}", $"--TrunkExporter:DataDirectory={Directory.CreateTempSubdirectory("trunk-exporter-rss-").FullName}"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GITHUB_TOKEN"] = "ghp_rss_benchmark";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var exporter = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new List<string>();
        exporter.OutputDataReceived += (_, line) => Keep(log, line.Data);
        exporter.ErrorDataReceived += (_, line) => Keep(log, line.Data);
        exporter.BeginOutputReadLine();
        exporter.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var ready = Stopwatch.StartNew();
            while (!await IsReadyAsync(http))
            {
                if (ready.Elapsed > TimeSpan.FromSeconds(120) || exporter.HasExited)
                {
                    await output.WriteLineAsync($"The exporter was not ready within {ready.Elapsed.TotalSeconds:0} s; its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, Tail(log))}");
                    return 1;
                }

                await Task.Delay(200);
            }

            var readyAfter = ready.Elapsed;
            var idle = await SampleAsync(exporter.Id, Idle, until: null);
            var before = fake.Counts.Total;
            fake.Inject(new Fault(FaultKind.EndlessBody, Times: EndlessRefreshes, Only: RequestKind.Commits) { Bytes = 1024L * 1024 * 1024 });
            var endless = await SampleAsync(exporter.Id, TimeSpan.FromSeconds(90), until: () => fake.FaultsLeft == 0);
            var after = await SampleAsync(exporter.Id, TimeSpan.FromSeconds(3), until: null);
            var metrics = await http.GetStringAsync("/metrics");
            var tooLarge = metrics.Split('\n').FirstOrDefault(line => line.StartsWith("trunk_exporter_github_requests_total", StringComparison.Ordinal) && line.Contains("too_large", StringComparison.Ordinal));

            var peak = Math.Max(endless.MaxRss, after.MaxRss);
            await output.WriteLineAsync($"trunk-exporter serve (pid {exporter.Id}) against the fake GitHub at {fake.ApiBaseUrl}: {shape.Commits} commits, {shape.RunsPerCommit} runs and {shape.JobsPerCommit} jobs per commit, window {window}, refresh every 1 s; ready after {readyAfter.TotalSeconds:0.0} s.");
            await output.WriteLineAsync($"MaxResponseBytes: default {GitHubOptions.DefaultMaxResponseBytes / (1024 * 1024)} MiB.");
            await output.WriteLineAsync($"idle ({Idle.TotalSeconds:0} s of steady refreshes): VmRSS {Mib(idle.LastRss)} (max {Mib(idle.MaxRss)}), VmHWM {Mib(idle.Hwm)}");
            await output.WriteLineAsync($"endless bodies ({EndlessRefreshes} refreshes, {endless.Elapsed.TotalSeconds:0} s, {fake.Counts.Total - before} requests): peak VmRSS {Mib(peak)}, VmHWM {Mib(Math.Max(endless.Hwm, after.Hwm))}, VmRSS 3 s later {Mib(after.LastRss)}");
            await output.WriteLineAsync($"counted: {tooLarge ?? "(no too_large sample)"}");
            var ratio = peak / (double)idle.LastRss;
            await output.WriteLineAsync($"Goal: peak RSS under 2x idle -> {ratio:0.00}x ({(ratio < 2 ? "met" : "MISSED")}).");
            return ratio < 2 && fake.FaultsLeft == 0 ? 0 : 1;
        }
        finally
        {
            if (!exporter.HasExited)
            {
                exporter.Kill();
                await exporter.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
    }

    private sealed record Samples(long LastRss, long MaxRss, long Hwm, TimeSpan Elapsed);

    /// <summary>VmRSS every 50 ms for at most <paramref name="duration"/> (or until <paramref name="until"/> holds), and VmHWM at the end; in KiB.</summary>
    private static async Task<Samples> SampleAsync(int pid, TimeSpan duration, Func<bool>? until)
    {
        var stopwatch = Stopwatch.StartNew();
        long last = 0, max = 0;
        while (stopwatch.Elapsed < duration && until?.Invoke() != true)
        {
            last = Status(pid, "VmRSS");
            max = Math.Max(max, last);
            await Task.Delay(50);
        }

        last = Status(pid, "VmRSS");
        return new Samples(last, Math.Max(max, last), Status(pid, "VmHWM"), stopwatch.Elapsed);
    }

    private static long Status(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }

    private static async Task<bool> IsReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/readyz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Keep(List<string> log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Add(line);
            if (log.Count > 50)
            {
                log.RemoveAt(0);
            }
        }
    }

    private static List<string> Tail(List<string> log)
    {
        lock (log)
        {
            return [.. log];
        }
    }

    private static string Mib(double kib) => (kib / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
