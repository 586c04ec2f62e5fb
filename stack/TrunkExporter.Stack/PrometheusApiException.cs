namespace TrunkExporter.Stack;

/// <summary>Prometheus answered a request with an error (bad PromQL, unknown endpoint, ...).</summary>
public sealed class PrometheusApiException : Exception
{
    public PrometheusApiException()
    {
    }

    public PrometheusApiException(string message)
        : base(message)
    {
    }

    public PrometheusApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
