using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Prometheus;
using TrunkExporter.Configuration;
using TrunkExporter.Metrics;
using TrunkExporter.Webhooks;

namespace TrunkExporter.Hosting;

/// <summary>
/// The exporter's host: ASP.NET Core's slim builder, console logging on one line, the services of
/// <see cref="ServiceCollectionExtensions.AddTrunkExporter"/>, Kestrel's limits from <c>TrunkExporter:Server</c>,
/// and the endpoints (<c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>, the HUD). <c>serve</c> runs it.
/// </summary>
internal static class ExporterApp
{
    /// <summary>The exporter's default address when neither --urls nor ASPNETCORE_URLS is given.</summary>
    public const string DefaultUrls = "http://0.0.0.0:9473";

    /// <summary>The exporter's host; a configuration it cannot run with throws <see cref="OptionsValidationException"/>.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = SlimHost.Create(args, DefaultUrls);
        builder.Services.AddTrunkExporter(builder.Configuration);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ExporterOptions>>((kestrel, exporter) =>
        {
            var server = exporter.Value.Server;
            kestrel.Limits.MaxConcurrentConnections = server.MaxConcurrentConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Limits.KeepAliveTimeout = server.KeepAliveTimeout;
            kestrel.Limits.RequestHeadersTimeout = server.RequestHeadersTimeout;

            // Every endpoint but the webhook receiver is a GET; the receiver raises the limit for its own requests (25 MB, GitHub's cap).
            kestrel.Limits.MaxRequestBodySize = 0;
        });
        configure?.Invoke(builder);

        // Before binding: the binder drops a list entry it cannot convert, so the raw keys are checked first.
        if (ExporterConfiguration.Problems(builder.Configuration) is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(ExporterOptions.SectionName, typeof(ExporterOptions), problems);
        }

        builder.Services.AddWebhooks(WebhookSecret.Resolve(
            builder.Configuration[$"{GitHub.GitHubOptions.SectionName}:{nameof(GitHub.GitHubOptions.WebhookSecretFile)}"], Environment.GetEnvironmentVariable));

        var app = builder.Build();
        var served = app.Services.GetRequiredService<ServedMetrics>();
        var registry = served.Registry;

        // The runtime view, in the served registry after the catalog's families: process and .NET
        // runtime metrics, and request metrics of the exporter's own endpoints.
        RuntimeView.RegisterOn(served);
        app.UseGetOnly(WebhookReceiver.Path);
        app.UseRouting();
        app.UseOneScrapeAtATime("/metrics");
        app.UseHttpMetrics(options =>
        {
            options.SetMetricFactory(Prometheus.Metrics.WithCustomRegistry(registry));

            // Without tracing, trace-id exemplars say nothing; they would also make OpenMetrics differ from text beyond the format.
            options.ConfigureMeasurements(measurement => measurement.ExemplarPredicate = _ => false);
        });
        app.MapExporterEndpoints(registry);
        return app;
    }
}
