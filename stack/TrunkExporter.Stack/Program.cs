using System.Runtime.InteropServices;
using TrunkExporter.Stack;

// trunk-stack [--ha|--issues] [SNAPSHOT]: the demo behind `make demo` (`make demo-ha` with --ha: two of every
// server; `ISSUES=1 make demo` with --issues: the issue bridge and the fake GitHub too). It runs the whole
// stack on 127.0.0.1 until Ctrl-C.
var ha = args.Length > 0 && args[0] == "--ha";
var issues = args.Length > 0 && args[0] == "--issues";
var rest = ha || issues ? args[1..] : args;
var snapshot = rest.Length > 0 ? rest[0] : RepoPaths.InRepo("samples", "trunk-p2.json");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

try
{
    return ha
        ? await HaDemo.RunAsync(snapshot, Console.Out, stop.Token).ConfigureAwait(false)
        : await Demo.RunAsync(snapshot, Console.Out, issues, stop.Token).ConfigureAwait(false);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Ctrl-C while the stack was still starting: everything started has been stopped.
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or IOException)
{
    await Console.Error.WriteLineAsync($"trunk-stack: {ex.Message}").ConfigureAwait(false);
    return 1;
}
