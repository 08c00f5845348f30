using Frontend.Infra.Configuration;
using Pulumi;

namespace Frontend.Infra.Tests.Testing;

/// <summary>
/// The problems a run of the program reported, from what <c>Deployment.TestAsync</c> threw. A refused stack
/// logs one error listing its problems (<see cref="ConfigReport"/>), which the real SDK surfaces as one
/// <see cref="RunException"/> carrying exactly that message. Several separate errors come back in an order
/// the real SDK does not keep, so they are reported as a failure here rather than compared.
/// </summary>
internal static class Refusal
{
    public static IReadOnlyList<string> MessagesOf(Exception? error) => error switch
    {
        null => [],
        RunException run => ConfigReport.Problems(run.Message) ?? [run.Message],
        AggregateException aggregate =>
            [$"unexpected: {aggregate.InnerExceptions.Count} separate errors, whose order the real SDK does not keep: " +
             string.Join(" | ", aggregate.InnerExceptions.Select(e => e.Message).Order(StringComparer.Ordinal))],
        _ => [$"unexpected {error.GetType().Name}: {error}"],
    };
}
