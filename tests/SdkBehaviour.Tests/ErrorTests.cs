using Pulumi;
using SdkBehaviour.Tests.Support;

namespace SdkBehaviour.Tests;

/// <summary>BEHAVIOUR.md, "Config and errors": how a program's failures surface from TestAsync.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task TestAsync_ProgramThrows_SurfacesAsRunExceptionWithTheOriginalException()
    {
        var error = await Assert.ThrowsAsync<RunException>(
            () => Run.UpdateAsync(new RecordingMocks(), () => throw new InvalidOperationException("weights must sum to 100")));

        Assert.StartsWith("Running program '", error.Message, StringComparison.Ordinal);
        Assert.Contains(
            "' failed with an unhandled exception:\nSystem.InvalidOperationException: weights must sum to 100",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains(nameof(TestAsync_ProgramThrows_SurfacesAsRunExceptionWithTheOriginalException), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestAsync_OneLogError_FailsWithRunExceptionCarryingExactlyTheMessage()
    {
        var mocks = new RecordingMocks();

        var error = await Assert.ThrowsAsync<RunException>(() => Run.UpdateAsync(mocks, () =>
        {
            Log.Error("bad weights");
            Workloads.Deployment();
        }));

        Assert.Equal("bad weights", error.Message);
        Assert.Single(mocks.Resources);
    }

    [Fact]
    public async Task TestAsync_TwoLogErrors_FailsWithAggregateExceptionListingBothInNoPromisedOrder()
    {
        // Each Log.Error goes to the engine on a task of its own, so the real SDK keeps no order between them
        // (0, 3 and 2 failures in three runs of a test that assumed one); the stand-in reports them last-first.
        var error = await Assert.ThrowsAsync<AggregateException>(() => Run.UpdateAsync(new RecordingMocks(), () =>
        {
            Log.Error("bad weights");
            Log.Error("bad subset");
        }));

        Assert.StartsWith("One or more errors occurred. (", error.Message, StringComparison.Ordinal);
        Assert.All(error.InnerExceptions, inner => Assert.IsType<RunException>(inner));
        Assert.Equal(["bad subset", "bad weights"], error.InnerExceptions.Select(inner => inner.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TestAsync_DebugInfoAndWarn_PrintNothingAndDoNotFailTheRun()
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            var resources = await Run.UpdateAsync(new RecordingMocks(), () =>
            {
                Log.Debug("debug");
                Log.Info("info");
                Log.Warn("consistent-hash affinity with more than one weighted version");
                Workloads.Deployment();
            });

            Assert.Single(resources);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.Equal(string.Empty, output.ToString());
    }
}
