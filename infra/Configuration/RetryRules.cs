using System.ComponentModel;

namespace Frontend.Infra.Configuration;

/// <summary>
/// Retries of failed requests (<c>routing.retries</c>), the same on every route of both VirtualServices. The
/// defaults retry only what cannot have reached the app, because Envoy retries every method, POST included.
/// </summary>
internal sealed record RetriesConfig
{
    [Description("How many times a failed request is retried; 0 turns retries off.")]
    [ConfigRange(0, RetryRules.MaxAttempts)]
    public int Attempts { get; init; } = 2;

    [Description("Timeout of each try, an Istio duration.")]
    [IstioDurationFormat]
    public string? PerTryTimeout { get; init; }

    [Description("Envoy retry conditions and HTTP status codes, comma separated. Unset: connect-failure,refused-stream,reset-before-request,retriable-status-codes,503, none of which re-sends a request the app may have processed. 5xx, reset and gateway-error do re-send them (POSTs included): a production stack gets a warning.")]
    public string? RetryOn { get; init; }
}

/// <summary>The rules for <c>routing.retries</c>, as Istio's validateHTTPRetry applies them, and its safe defaults.</summary>
internal static class RetryRules
{
    /// <summary>
    /// Failures where the request never reached the app (no connection, a refused HTTP/2 stream, a reset before any
    /// byte was sent) and a 503 (Istio turns the code into Envoy's <c>retriable_status_codes</c>): Istio's own default
    /// set minus its gRPC conditions, and never <c>5xx</c>, which Istio leaves out because the app may have acted.
    /// </summary>
    public const string SafeRetryOn = "connect-failure,refused-stream,reset-before-request,retriable-status-codes,503";

    /// <summary>Conditions that retry after the upstream may have processed the request.</summary>
    public static readonly IReadOnlyList<string> UnsafeConditions = ["5xx", "gateway-error", "reset"];

    /// <summary>The retries every route carries: the stack's, with the safe conditions where it names none.</summary>
    public static RetriesConfig Effective(RetriesConfig? retries) => retries switch
    {
        null => new RetriesConfig { RetryOn = SafeRetryOn },
        { Attempts: 0 } => retries,
        { RetryOn: null } => retries with { RetryOn = SafeRetryOn },
        _ => retries,
    };

    /// <summary>Envoy's HTTP and gRPC retry conditions, as Istio passes them through.</summary>
    public static readonly IReadOnlySet<string> RetryConditions = new HashSet<string>(StringComparer.Ordinal)
    {
        "5xx", "gateway-error", "reset", "reset-before-request", "connect-failure", "envoy-ratelimited", "retriable-4xx",
        "refused-stream", "retriable-status-codes", "retriable-headers", "http3-post-connect-failure",
        "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable",
    };

    /// <summary>The HTTP status codes Istio takes in retryOn: those Go's <c>http.StatusText</c> names.</summary>
    public static readonly IReadOnlySet<int> StatusCodes = new HashSet<int>
    {
        100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424,
        425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
    };

    public const int MaxAttempts = 10;

    public static void Validate(StackConfig config, bool production, Problems problems)
    {
        if (config.Routing.Retries is not { } retries)
        {
            return;
        }

        var path = ConfigPath.Root("routing").Property("retries");
        problems.InRange(path.Property("attempts"), retries.Attempts, 0, MaxAttempts);
        if (retries.Attempts == 0 && (retries.PerTryTimeout is not null || retries.RetryOn is not null))
        {
            var set = string.Join(" and ", new[] { retries.PerTryTimeout is null ? null : "perTryTimeout", retries.RetryOn is null ? null : "retryOn" }.OfType<string>());
            problems.Error(
                path.Property("attempts"),
                $"turns retries off, so {set} must not be set: Istio refuses a retry policy configured when attempts are set to 0 (disabled)",
                "0",
                $"{path.Property("attempts").SetCommand("2")} to retry, or {path.RemoveCommand()} for no retries");
        }

        RuleChecks.OptionalDuration(path.Property("perTryTimeout"), retries.PerTryTimeout, problems);
        if (retries.RetryOn is { } retryOn)
        {
            // Istio splits on ',' and trims nothing: "5xx, reset" holds the unknown condition " reset".
            var unknown = retryOn.Split(',').Where(c => !RetryConditions.Contains(c) && !IsStatusCode(c)).ToList();
            if (unknown.Count > 0)
            {
                var fixedList = string.Join(',', retryOn.Split(',').Select(c => c.Trim()).Where(c => RetryConditions.Contains(c) || IsStatusCode(c)));
                problems.Error(
                    path.Property("retryOn"),
                    $"must be a comma-separated list, without spaces, of retry conditions ({string.Join(", ", RetryConditions.Order(StringComparer.Ordinal))}) or HTTP status codes; unknown: {string.Join(", ", unknown.Select(u => $"'{u}'"))}",
                    ConfigValue.Show(retryOn),
                    path.Property("retryOn").SetCommand(fixedList.Length > 0 ? fixedList : SafeRetryOn));
            }

            var unsafeConditions = retryOn.Split(',').Where(UnsafeConditions.Contains).ToList();
            if (production && retries.Attempts > 0 && unsafeConditions.Count > 0)
            {
                // No route matches on method, so every route carries POST, PUT, PATCH and DELETE as well as GET.
                problems.Warning(
                    path.Property("retryOn"),
                    $"retries requests the app may already have processed ({string.Join(", ", unsafeConditions)}): Envoy retries every method, and every route here carries non-idempotent ones (POST, PUT, PATCH, DELETE), so a payment or an order can run twice; Istio's own default leaves 5xx out for that reason",
                    ConfigValue.Show(retryOn),
                    path.Property("retryOn").SetCommand(SafeRetryOn));
            }
        }
    }

    private static bool IsStatusCode(string text) =>
        text.Length == 3 && text.All(char.IsAsciiDigit) && StatusCodes.Contains(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
}
