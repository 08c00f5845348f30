using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Pulumi.Testing;

namespace Pulumi;

/// <summary>
/// Entry point of a Pulumi program. This offline stand-in evaluates programs under
/// <see cref="TestAsync(IMocks, TestOptions, Func{IDictionary{string, object}})"/> exactly as the real SDK
/// does against its mock monitor; it cannot deploy.
/// </summary>
public sealed class Deployment
{
    internal const string CannotDeployMessage =
        "This build uses the offline Pulumi stand-in and cannot deploy; build with the real Pulumi packages (omit -p:PulumiOffline=true) to run it with the pulumi CLI.";

    private Deployment()
    {
    }

    public static DeploymentInstance Instance => DeploymentContext.Require().Instance;

    public static Task<int> RunAsync(Action action) => CannotDeployAsync();

    public static Task<int> RunAsync(Func<IDictionary<string, object?>> func) => CannotDeployAsync();

    public static Task<int> RunAsync(Func<Task> func) => CannotDeployAsync();

    public static Task<int> RunAsync(Func<Task<IDictionary<string, object?>>> func, StackOptions? options = null)
        => CannotDeployAsync();

    public static async Task<ImmutableArray<Resource>> TestAsync(IMocks testMocks, TestOptions testOptions, Action createResources)
    {
        ArgumentNullException.ThrowIfNull(createResources);
        var (resources, _) = await RunTestAsync(testMocks, testOptions, () =>
        {
            createResources();
            return new Dictionary<string, object?>();
        }).ConfigureAwait(false);
        return resources;
    }

    public static async Task<ImmutableArray<Resource>> TestAsync(IMocks testMocks, TestOptions testOptions, Func<Task> createResources)
    {
        ArgumentNullException.ThrowIfNull(createResources);
        var (resources, _) = await RunTestAsync(testMocks, testOptions, () =>
        {
            createResources().GetAwaiter().GetResult();
            return new Dictionary<string, object?>();
        }).ConfigureAwait(false);
        return resources;
    }

    public static Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> TestAsync(
        IMocks testMocks, TestOptions testOptions, Func<IDictionary<string, object?>> createResources)
    {
        ArgumentNullException.ThrowIfNull(createResources);
        return RunTestAsync(testMocks, testOptions, createResources);
    }

    public static Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> TestAsync(
        IMocks testMocks, TestOptions testOptions, Func<Task<IDictionary<string, object?>>> createResources)
    {
        ArgumentNullException.ThrowIfNull(createResources);
        return RunTestAsync(testMocks, testOptions, () => createResources().GetAwaiter().GetResult());
    }

    /// <summary>Constructs <typeparamref name="TStack"/> as the program's stack, then registers its <c>[Output]</c> properties.</summary>
    public static async Task<ImmutableArray<Resource>> TestAsync<TStack>(IMocks mocks, TestOptions? options = null)
        where TStack : Stack, new()
    {
        var (resources, _) = await RunTestAsync(mocks, options ?? new TestOptions(), createStack: () =>
        {
            var stack = new TStack();
            stack.RegisterPropertyOutputs();
            return (stack, new Dictionary<string, object?>());
        }).ConfigureAwait(false);
        return resources;
    }

    private static async Task<int> CannotDeployAsync()
    {
        await Console.Error.WriteLineAsync(CannotDeployMessage).ConfigureAwait(false);
        return 1;
    }

    /// <summary>
    /// Runs the program as the real SDK's test stack does: synchronously inside the root stack's
    /// constructor, then waits for every registration and output; a thrown exception and every
    /// <see cref="Log.Error"/> become the run's errors. This method must stay async so the deployment it
    /// enters does not leak into the caller's context.
    /// </summary>
    private static Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> RunTestAsync(
        IMocks mocks, TestOptions options, Func<IDictionary<string, object?>> createResources) =>
        RunTestAsync(mocks, options, createStack: () =>
        {
            var stack = new RootStack();
            var outputs = createResources();
            stack.Complete();
            return (stack, outputs);
        });

    private static async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> RunTestAsync(
        IMocks mocks, TestOptions options, Func<(Stack Stack, IDictionary<string, object?> Outputs)> createStack)
    {
        ArgumentNullException.ThrowIfNull(mocks);
        var context = new DeploymentContext(mocks, options ?? new TestOptions());
        context.Enter();

        IDictionary<string, object?> outputs = new Dictionary<string, object?>();
        try
        {
            (_, outputs) = createStack();
        }
        catch (Exception exception)
        {
            LogUnhandled(context, exception);
        }

        foreach (var exception in await context.Runner.WhenIdleAsync().ConfigureAwait(false))
        {
            LogUnhandled(context, exception);
        }

        var errors = context.Errors;
        if (errors.Length == 1)
        {
            throw new RunException(errors[0]);
        }

        if (errors.Length > 1)
        {
            // The real SDK logs each error on a task of its own (EngineLogger), so several reach its mock engine in
            // any order. Last-first is one of those orders, and it makes a test that expects the logged order fail
            // here, every time, rather than on the real packages, some of the time.
            throw new AggregateException(errors.Reverse().Select(error => new RunException(error)));
        }

        return ([.. context.Registered.Where(resource => resource != context.Stack)], outputs);
    }

    private static void LogUnhandled(DeploymentContext context, Exception exception)
    {
        if (exception is RunException)
        {
            context.LogError(exception.Message);
            return;
        }

        var location = Assembly.GetEntryAssembly()?.Location;
        context.LogError($"Running program '{location}' failed with an unhandled exception:\n{exception}");
    }
}
