using System.CommandLine;
using TrunkExporter.Cli;

var serve = ServeCommand.Create();
var root = new RootCommand("trunk-exporter: Prometheus metrics for the health of a trunk branch's CI.")
{
    serve,
    ScrapeCommand.Create(),
    RecordCommand.Create(),
    IssueBridgeCommand.Create(),
};

// Without a command the exporter serves, as a container or a service unit expects.
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction((result, cancellationToken) => ServeCommand.RunAsync([.. result.UnmatchedTokens], Console.Error, cancellationToken));
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
