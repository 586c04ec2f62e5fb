namespace TrunkExporter.Stack;

/// <summary>A webhook delivery as the sink received it.</summary>
internal sealed record ReceivedNotification(string Receiver, DateTimeOffset ReceivedAt, WebhookMessage Message);
