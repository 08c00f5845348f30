namespace Frontend.Cli.Rollout.Loop;

/// <summary>
/// The loop's time: what time it is, and waiting. Behind an interface so that a simulation can run hours of a
/// rollout in seconds, against metrics recorded for those hours.
/// </summary>
internal interface IRolloutClock
{
    DateTimeOffset Now { get; }

    Task WaitAsync(TimeSpan span, CancellationToken cancellationToken);
}

/// <summary>Wall-clock time.</summary>
internal sealed class SystemRolloutClock(TimeProvider time) : IRolloutClock
{
    public DateTimeOffset Now => time.GetUtcNow();

    public Task WaitAsync(TimeSpan span, CancellationToken cancellationToken) => Task.Delay(span, time, cancellationToken);
}
