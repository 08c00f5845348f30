namespace Frontend.RolloutMetrics;

/// <summary>
/// The simulated rollouts' traffic, from <see cref="IstioSeries.SimulationStart"/>: a healthy canary, one that
/// goes dark (its pods stop answering, its callers get 503 UH), and one whose latency regresses. Each loop
/// starts at <see cref="LoopStart"/>, with the canary at 10% live since <see cref="LiveAtStart"/>. The traffic
/// does not follow the weights: the loop judges rates and shares of errors, which do not depend on them.
/// </summary>
public static class RolloutSimulations
{
    public static readonly DateTimeOffset LoopStart = IstioSeries.SimulationStart.AddMinutes(30);

    public static readonly DateTimeOffset LiveAtStart = LoopStart.AddMinutes(-10);

    /// <summary>During the 25% step (live from start + 2m, judged from start + 7m).</summary>
    public static readonly DateTimeOffset GoesDark = LoopStart.AddMinutes(4);

    /// <summary>During the 50% step (live from start + 8m, judged from start + 13m).</summary>
    public static readonly DateTimeOffset GetsSlow = LoopStart.AddMinutes(9);

    public static IEnumerable<Scenario> Scenarios
    {
        get
        {
            var from = IstioSeries.SimulationStart;
            var to = from.AddHours(IstioSeries.SimulationHours);
            yield return new Scenario("sim-healthy", from, to, _ => IstioSeries.Healthy(), _ => IstioSeries.StableHealthy());
            yield return new Scenario("sim-dark", from, to, t => t >= GoesDark ? IstioSeries.Dark() : IstioSeries.Healthy(), _ => IstioSeries.StableHealthy());
            yield return new Scenario("sim-slow", from, to, t => t >= GetsSlow ? IstioSeries.Healthy() with { Buckets = IstioSeries.Slow } : IstioSeries.Healthy(), _ => IstioSeries.StableHealthy());
        }
    }
}
