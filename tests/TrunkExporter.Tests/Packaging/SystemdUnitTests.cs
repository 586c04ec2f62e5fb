using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using TrunkExporter.Cli;
using TrunkExporter.Tests.Support;

namespace TrunkExporter.Tests.Packaging;

/// <summary>
/// Issue 16, item 8: the shipped systemd unit (packaging/systemd/) is one that systemd accepts without a
/// complaint, keeps its hardening, and passes the exporter only settings it accepts. The published binary
/// itself is started and scraped by `make check-published`, which CI runs after `make test`.
/// </summary>
public sealed partial class SystemdUnitTests : IDisposable
{
    private const string InstalledBinary = "/usr/local/bin/trunk-exporter";
    private static readonly string Unit = File.ReadAllText(RepoPaths.InRepo("packaging", "systemd", "trunk-exporter.service"));
    private static readonly string EnvironmentFile = File.ReadAllText(RepoPaths.InRepo("packaging", "systemd", "trunk-exporter.env"));
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Systemd_analyze_verify_accepts_the_unit_without_a_complaint()
    {
        Assert.Null(await VerifyAsync(Unit));
    }

    /// <summary>
    /// systemd-analyze verify exits 0 on most bad lines ("Unknown key ..., ignoring"), so a complaint on its
    /// output counts as a failure too; each broken unit here must be refused.
    /// </summary>
    [Theory]
    [InlineData("ProtectHome=yes", "ProtectHome=yes\nProtectHomeDirectories=yes")]
    [InlineData("ProtectSystem=strict", "ProtectSystem=strictest")]
    [InlineData("RestartPreventExitStatus=2", "RestartPreventExitStatus=two")]
    [InlineData("StateDirectory=trunk-exporter", "StateDirectory=trunk-exporter\nEnvironment=Logging__LogLevel__Microsoft.AspNetCore=Warning")]
    [InlineData("[Service]", "[Servic]")]
    public async Task A_broken_directive_fails_the_verification(string line, string broken)
    {
        Assert.Contains(line, Unit, StringComparison.Ordinal);

        var complaint = await VerifyAsync(Unit.Replace(line, broken, StringComparison.Ordinal));

        Assert.NotNull(complaint);
    }

    [Fact]
    public async Task A_missing_binary_fails_the_verification()
    {
        var complaint = await VerifyAsync(Unit, binary: _directory.File("no-such-trunk-exporter"));

        Assert.Contains("no-such-trunk-exporter", complaint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unit_keeps_its_hardening()
    {
        var settings = Directives(Unit);

        string[] required =
        [
            "DynamicUser=yes", "StateDirectory=trunk-exporter", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
            "NoNewPrivileges=yes", "CapabilityBoundingSet=", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
            "SystemCallArchitectures=native", "LockPersonality=yes", "RestrictRealtime=yes", "ProtectKernelTunables=yes",
            "ProtectKernelModules=yes", "ProtectKernelLogs=yes", "ProtectControlGroups=yes", "Restart=on-failure",
            $"RestartPreventExitStatus={ExitCodes.BadConfiguration}", "LoadCredential=github-token:/etc/trunk-exporter/github-token",
        ];
        Assert.All(required, directive => Assert.Contains(directive, settings));

        // The .NET JIT makes code executable at run time: with this, the exporter dies before its first line.
        Assert.DoesNotContain(settings, directive => directive.StartsWith("MemoryDenyWriteExecute=", StringComparison.Ordinal));
        Assert.Equal($"ExecStart={InstalledBinary} serve --urls http://127.0.0.1:9473 --Logging:LogLevel:Microsoft.AspNetCore=Warning", Assert.Single(settings, directive => directive.StartsWith("ExecStart=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_exporter_starts_with_what_the_unit_and_its_environment_file_pass()
    {
        var (exit, error) = await ServeAsUnitAsync(EnvironmentFile);

        Assert.True(exit == ExitCodes.Ok, $"exit code {exit}: {error}");
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task A_key_the_exporter_does_not_know_in_the_environment_file_stops_it_with_exit_code_2()
    {
        var (exit, error) = await ServeAsUnitAsync(EnvironmentFile + "TrunkExporter__GitHub__Token=secret\n");

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.StartsWith("trunk-exporter: configuration error: TrunkExporter:GitHub:Token is not a setting of the exporter", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ci_starts_and_scrapes_the_published_binary_after_the_tests()
    {
        var ci = File.ReadAllText(RepoPaths.InRepo(".ci", "run"));

        Assert.True(
            ci.IndexOf("make test", StringComparison.Ordinal) is >= 0 and var test && ci.IndexOf("make check-published", StringComparison.Ordinal) > test,
            ".ci/run must run 'make check-published' after 'make test'");
    }

    /// <summary>null when <c>systemd-analyze verify</c> exits 0 and says nothing; else what it said.</summary>
    /// <param name="binary">The ExecStart binary; by default an executable stand-in, since verify requires one to exist.</param>
    private async Task<string?> VerifyAsync(string unit, string? binary = null)
    {
        RequireSystemdAnalyze();
        if (binary is null)
        {
            binary = _directory.File("trunk-exporter");

            // A copy keeps the executable mode; verify only needs the file to exist and be executable.
            File.Copy("/bin/true", binary);
        }

        var path = _directory.File("trunk-exporter.service");
        await File.WriteAllTextAsync(path, unit.Replace($"ExecStart={InstalledBinary} ", $"ExecStart={binary} ", StringComparison.Ordinal));
        var result = await ExternalTool.RunAsync("systemd-analyze", ["verify", path], workingDirectory: _directory.Path);
        var said = (result.StandardOutput + result.StandardError).Trim();
        return result.ExitCode == 0 && said.Length == 0 ? null : $"exit code {result.ExitCode}: {said}";
    }

    /// <summary>
    /// Runs <c>serve</c> in memory with the unit's ExecStart flags and Environment= lines and the given
    /// environment file, as flags (the host maps <c>A__B</c> in the environment to the same key <c>A:B</c>),
    /// and stops it once it has started.
    /// </summary>
    private async Task<(int Exit, string Error)> ServeAsUnitAsync(string environmentFile)
    {
        var credentials = Directory.CreateDirectory(_directory.Combine("credentials")).FullName;
        await File.WriteAllTextAsync(Path.Combine(credentials, "github-token"), "unit-test-token");
        var execStart = Directives(Unit).Single(directive => directive.StartsWith("ExecStart=", StringComparison.Ordinal));
        var flags = execStart.Split(' ').SkipWhile(word => word != "serve").Skip(1)

            // The unit's address, on a free port: the test must not take 9473.
            .Select(word => word == "http://127.0.0.1:9473" ? "http://127.0.0.1:0" : word);
        var environment = Directives(Unit)
            .Where(directive => directive.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(directive => directive["Environment=".Length..].Replace("%d", credentials, StringComparison.Ordinal))
            .Concat(environmentFile.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')))
            .Select(assignment => assignment.Split('=', 2))
            .Select(pair => $"--{pair[0].Replace("__", ":", StringComparison.Ordinal)}={pair[1]}");

        using var error = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await ServeCommand.RunAsync(
            [.. flags, .. environment],
            error,
            builder => builder.Services.AddHostedService(services => new StopWhenStarted(services.GetRequiredService<IHostApplicationLifetime>())),
            bound.Token);
        return (exit, error.ToString().TrimEnd('\n'));
    }

    private static void RequireSystemdAnalyze()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(directory => File.Exists(Path.Combine(directory, "systemd-analyze")));
        Assert.True(found, "systemd-analyze is not installed: run 'make deps' (or 'apt-get install -y systemd') and test again.");
    }

    /// <summary>The unit's KEY=VALUE lines, comments and section headers left out.</summary>
    private static List<string> Directives(string unit) => [.. unit.Split('\n')
        .Select(line => line.Trim())
        .Where(line => Directive().IsMatch(line))];

    [GeneratedRegex(@"^[A-Za-z]+=")]
    private static partial Regex Directive();

    /// <summary>
    /// Asks the host to stop once it has started (the server listening, every worker running): start-up is
    /// what is under test. Stopping any earlier would cancel the start itself.
    /// </summary>
    private sealed class StopWhenStarted(IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
