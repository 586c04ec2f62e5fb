namespace TrunkExporter.FakeGitHub;

internal enum FaultKind
{
    /// <summary>A 5xx answer (<see cref="Fault.Status"/>, 502 by default).</summary>
    ServerError,

    /// <summary>403 secondary rate limit, with Retry-After when <see cref="Fault.RetryAfter"/> is set.</summary>
    SecondaryRateLimit403,

    /// <summary>429 too many requests, with Retry-After when <see cref="Fault.RetryAfter"/> is set.</summary>
    TooManyRequests429,

    /// <summary>403 primary rate limit: x-ratelimit-remaining 0 and a reset <see cref="Fault.ResetIn"/> ahead.</summary>
    PrimaryRateLimit403,

    /// <summary>The answer comes after <see cref="Fault.Delay"/>.</summary>
    Slow,

    /// <summary>A 200 whose JSON stops half-way (the HTTP framing is complete and correct).</summary>
    TruncatedBody,

    /// <summary>A 200 whose body is not JSON at all (every ":" turned to "="), with the ETag of the good body.</summary>
    MalformedBody,

    /// <summary>The connection is cut after half the body.</summary>
    ConnectionReset,

    /// <summary>401 Bad credentials, whatever the token.</summary>
    Unauthorized,
}
