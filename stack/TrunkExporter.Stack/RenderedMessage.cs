namespace TrunkExporter.Stack;

/// <summary>A chat-style message that Alertmanager rendered with the shipped templates (title and text).</summary>
internal sealed record RenderedMessage(string Receiver, DateTimeOffset ReceivedAt, string Title, string Text);
