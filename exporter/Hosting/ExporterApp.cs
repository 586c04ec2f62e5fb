using Prometheus;
using TrunkExporter.Metrics;
using TrunkExporter.Refresh;

namespace TrunkExporter.Hosting;

internal static class ExporterApp
{
    /// <summary>The exporter's default address when neither --urls nor ASPNETCORE_URLS is given.</summary>
    public const string DefaultUrls = "http://0.0.0.0:9473";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Services.AddTrunkExporter(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        var served = app.Services.GetRequiredService<ServedMetrics>();
        var registry = served.Registry;

        // The runtime view, in the served registry after the catalog's families: process and .NET
        // runtime metrics, and request metrics of the exporter's own endpoints.
        RuntimeView.RegisterOn(served);
        app.UseRouting();
        app.UseHttpMetrics(options =>
        {
            options.SetMetricFactory(Prometheus.Metrics.WithCustomRegistry(registry));

            // Without tracing, trace-id exemplars say nothing; they would also make OpenMetrics differ from text beyond the format.
            options.ConfigureMeasurements(measurement => measurement.ExemplarPredicate = _ => false);
        });
        app.MapExporterEndpoints(registry);
        return app;
    }

    public static TrunkStateStore States(this WebApplication app) => app.Services.GetRequiredService<TrunkStateStore>();
}
