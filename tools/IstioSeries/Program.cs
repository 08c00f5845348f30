// Writes the recorded Istio series as OpenMetrics, for promtool: `dotnet run --project tools/IstioSeries -- <file>`.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: IstioSeries <file.om>: writes the rollout tests' Istio series as OpenMetrics, for promtool tsdb create-blocks-from openmetrics");
    return 2;
}

await File.WriteAllTextAsync(args[0], Frontend.RolloutMetrics.IstioSeries.OpenMetrics());
Console.WriteLine($"wrote {args[0]}: the single-decision scenarios up to {Frontend.RolloutMetrics.IstioSeries.EvaluationTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, and the simulations from {Frontend.RolloutMetrics.IstioSeries.SimulationStart:yyyy-MM-dd'T'HH:mm:ss'Z'}");
return 0;
