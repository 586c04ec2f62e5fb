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
        app.MapExporterEndpoints();
        return app;
    }

    public static TrunkStateStore States(this WebApplication app) => app.Services.GetRequiredService<TrunkStateStore>();
}
