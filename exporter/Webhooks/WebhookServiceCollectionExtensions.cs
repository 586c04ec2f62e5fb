using TrunkExporter.Refresh;

namespace TrunkExporter.Webhooks;

internal static class WebhookServiceCollectionExtensions
{
    /// <summary>The webhook receiver and its applier, only when a secret is configured (without one the endpoint does not exist).</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, string? secret)
    {
        if (secret is null)
        {
            return services;
        }

        services.AddSingleton<BranchEvents>();
        services.AddSingleton<ISnapshotAmendment>(provider => provider.GetRequiredService<BranchEvents>());
        services.AddSingleton(_ => new DeliveryMemory());
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton(provider => new WebhookReceiver(
            secret,
            provider.GetRequiredService<BranchEvents>(),
            provider.GetRequiredService<DeliveryMemory>(),
            provider.GetRequiredService<WebhookMetrics>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<WebhookReceiver>>()));
        services.AddSingleton<WebhookApplier>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookApplier>());
        return services;
    }

    /// <summary>POST /webhooks/github when webhooks are configured; otherwise the path stays a 404.</summary>
    public static void MapWebhooks(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<WebhookReceiver>() is { } receiver)
        {
            endpoints.MapPost(WebhookReceiver.Path, receiver.HandleAsync);
        }
    }
}
