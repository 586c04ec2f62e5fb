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

    /// <summary>
    /// A 200 whose body never ends: chunked, no Content-Length, the list's opening then items without end.
    /// The fake stops at <see cref="Fault.Bytes"/>, after two minutes, or when the client goes.
    /// </summary>
    EndlessBody,

    /// <summary>Every page of the list also links rel="next" back to its first page (the last page too), so the Link chain never ends.</summary>
    LinkLoop,

    /// <summary>
    /// <see cref="Fault.Change"/> is applied to the repository just before the answer (a push between two
    /// page reads, with <see cref="Fault.Page"/> 2), which is then served as usual.
    /// </summary>
    ChangeFirst,

    /// <summary>
    /// The usual answer with <see cref="Fault.RetryAfterText"/> and <see cref="Fault.ResetText"/> as its
    /// Retry-After and x-ratelimit-reset, verbatim (also honoured by the rate-limit kinds).
    /// </summary>
    OddHeaders,

    /// <summary>
    /// The request takes effect (an issue or comment is created), then the answer comes after
    /// <see cref="Fault.Delay"/>: a client with a shorter timeout never learns that it succeeded.
    /// </summary>
    SlowAfterApply,
}
