namespace TrunkExporter.Hosting;

/// <summary>
/// What <c>serve</c> and <c>issue-bridge</c> share: ASP.NET Core's slim builder rooted at the binary, a default
/// address when neither --urls nor ASPNETCORE_URLS is given, and console logging on one UTC-stamped line.
/// </summary>
internal static class SlimHost
{
    public static WebApplicationBuilder Create(string[] args, string defaultUrls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(defaultUrls);
        }

        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            console.UseUtcTimestamp = true;
        });
        return builder;
    }
}
