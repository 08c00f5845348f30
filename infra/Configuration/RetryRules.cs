namespace Frontend.Infra.Configuration;

/// <summary>The rules for <c>routing.retries</c>, as Istio's validateHTTPRetry applies them.</summary>
internal static class RetryRules
{
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

    public static void Validate(StackConfig config, Problems problems)
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
                    path.Property("retryOn").SetCommand(fixedList.Length > 0 ? fixedList : "5xx,reset,connect-failure"));
            }
        }
    }

    private static bool IsStatusCode(string text) =>
        text.Length == 3 && text.All(char.IsAsciiDigit) && StatusCodes.Contains(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
}
