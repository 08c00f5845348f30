using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Frontend.Cli.Rollout;

/// <summary>
/// Prometheus could not answer: unreachable, timed out, refused the credentials, or rejected a query. An
/// outage of the monitoring is neither a pass nor a reason to roll back, so it decides nothing.
/// </summary>
internal sealed class PrometheusException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Instant queries against Prometheus's HTTP API (<c>/api/v1/query</c>), evaluated at a fixed instant so a
/// decision can be replayed exactly. An optional bearer token comes from the environment, never the command line.
/// </summary>
internal sealed class PrometheusClient : IDisposable
{
    public const string TokenVariable = "PROMETHEUS_BEARER_TOKEN";

    /// <summary>Long enough for a busy Prometheus to evaluate a 5m rate; short enough that a scheduled job does not hang.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;

    public PrometheusClient(Uri baseAddress, string? bearerToken)
    {
        _baseAddress = baseAddress;
        _http = new HttpClient { Timeout = Timeout };
        if (!string.IsNullOrEmpty(bearerToken))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
    }

    public Uri BaseAddress => _baseAddress;

    /// <summary>
    /// The query's single value at <paramref name="time"/>: null when the result is empty or not a number
    /// (NaN: no traffic to divide by). More than one series is an error: a check must reduce to one value.
    /// </summary>
    public async Task<double?> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        var address = new Uri(_baseAddress, $"api/v1/query?query={Uri.EscapeDataString(query)}&time={Seconds(time)}");
        var body = await GetAsync(address, cancellationToken);
        return Parse(body.Text, body.Status, query);
    }

    /// <summary>
    /// The query's value at each of <paramref name="start"/>, start + step, ... up to <paramref name="end"/>,
    /// keyed by the instant (Unix milliseconds); an instant without a value is absent. One query instead of one
    /// per instant, for judging every interval since a step went live.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, double?>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        var address = new Uri(_baseAddress, $"api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Seconds(start)}&end={Seconds(end)}&step={step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}");
        var body = await GetAsync(address, cancellationToken);
        var data = Data(body.Text, body.Status, query);
        if (Text(data, "resultType") != "matrix")
        {
            throw new PrometheusException($"the range query returned a {Text(data, "resultType")} where a matrix was expected: {query}");
        }

        var result = data.GetProperty("result");
        if (result.GetArrayLength() > 1)
        {
            throw new PrometheusException($"the query returned {result.GetArrayLength()} series where a check needs one value; aggregate it (sum, max, ...): {query}");
        }

        var values = new Dictionary<long, double?>();
        if (result.GetArrayLength() == 1)
        {
            foreach (var sample in result[0].GetProperty("values").EnumerateArray())
            {
                values[(long)Math.Round(sample[0].GetDouble() * 1000)] = Number(sample);
            }
        }

        return values;
    }

    public void Dispose() => _http.Dispose();

    private static string Seconds(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private async Task<(string Text, int Status)> GetAsync(Uri address, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(address, cancellationToken);
            return (await response.Content.ReadAsStringAsync(cancellationToken), (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            throw new PrometheusException($"Prometheus at {_baseAddress} is unreachable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PrometheusException($"Prometheus at {_baseAddress} did not answer within {Timeout.TotalSeconds:0}s", e);
        }
    }

    /// <summary>The <c>data</c> of a successful API response, or why there is none.</summary>
    private JsonElement Data(string body, int status, string query)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new PrometheusException($"Prometheus at {_baseAddress} answered HTTP {status} without its JSON API response (is the address Prometheus's, without /api/v1?)");
        }

        if (root.ValueKind != JsonValueKind.Object || Text(root, "status") != "success")
        {
            var error = root.ValueKind == JsonValueKind.Object ? $"{Text(root, "errorType")}: {Text(root, "error")}" : "not an API response";
            throw new PrometheusException($"Prometheus at {_baseAddress} refused the query (HTTP {status}, {error}): {query}");
        }

        return root.GetProperty("data");
    }

    private double? Parse(string body, int status, string query)
    {
        var data = Data(body, status, query);
        var result = data.GetProperty("result");
        return Text(data, "resultType") switch
        {
            "scalar" => Number(result),
            "vector" => result.GetArrayLength() switch
            {
                0 => null,
                1 => Number(result[0].GetProperty("value")),
                var n => throw new PrometheusException($"the query returned {n} series where a check needs one value; aggregate it (sum, max, ...): {query}"),
            },
            var type => throw new PrometheusException($"the query returned a {type} where a check needs one value: {query}"),
        };
    }

    /// <summary>Prometheus writes a sample as [time, "value"], the value as text so NaN and ±Inf survive JSON.</summary>
    private static double? Number(JsonElement sample)
    {
        return sample[1].GetString() switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value) ? value : null,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
