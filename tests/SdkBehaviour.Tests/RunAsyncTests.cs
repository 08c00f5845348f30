using Pulumi;

namespace SdkBehaviour.Tests;

/// <summary>Outside the pulumi CLI neither build can deploy; each says so instead of pretending.</summary>
public sealed class RunAsyncTests
{
    [Fact]
    public async Task RunAsync_WithoutThePulumiEngine_FailsWithoutDeploying()
    {
        var originalError = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        int? exitCode = null;
        Exception? thrown;
        try
        {
            thrown = await Record.ExceptionAsync(async () => exitCode = await Deployment.RunAsync(() => { }));
        }
        finally
        {
            Console.SetError(originalError);
        }

        if (thrown is not null)
        {
            // The real SDK refuses to start without the engine's environment.
            Assert.Contains("without the Pulumi engine available", thrown.Message, StringComparison.Ordinal);
            return;
        }

        // The offline stand-in returns a failing exit code and one line telling the user what to do.
        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("offline Pulumi stand-in", line, StringComparison.Ordinal);
        Assert.Contains("cannot deploy", line, StringComparison.Ordinal);
        Assert.Contains("-p:PulumiOffline=true", line, StringComparison.Ordinal);
    }
}
