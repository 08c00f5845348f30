using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Pulumi.Serialization;
using Pulumi.Testing;

namespace Pulumi;

/// <summary>
/// Registers one resource the way the real SDK does against its mock monitor: serialize the inputs
/// (waiting for the outputs they use), wait for the parent and every dependency to be registered, ask the
/// mocks, then resolve the resource's outputs from the state they returned.
/// </summary>
internal static class ResourceRegistration
{
    public const string StackType = "pulumi:pulumi:Stack";

    /// <summary>
    /// Runs on the thread pool: the derived constructor must finish before anything reads the resource, and
    /// the program's synchronization context (a test framework's, say) must never be needed to finish it.
    /// </summary>
    public static void Start(DeploymentContext context, Resource resource, ResourceArgs args, ResourceOptions options, ResourceOutputs outputs)
        => context.Runner.Track(Task.Run(() => RegisterAsync(context, resource, args, options, outputs)));

    public static void RegisterOutputs(DeploymentContext context, Resource resource, Output<IDictionary<string, object?>> outputs)
        => context.Runner.Track(RegisterOutputsAsync(context, resource, outputs));

    private static async Task RegisterAsync(
        DeploymentContext context, Resource resource, ResourceArgs args, ResourceOptions options, ResourceOutputs outputs)
    {
        try
        {
            var request = await PrepareAsync(context, resource, args, options).ConfigureAwait(false);
            context.AddRegistered(resource);
            var (id, state) = resource.GetResourceType() == StackType
                ? (null, ImmutableDictionary<string, object>.Empty)
                : await context.Mocks.NewResourceAsync(request.MockArgs).ConfigureAwait(false);

            outputs.Urn.SetValue(NewUrn(context, request.ParentUrn, resource.GetResourceType(), resource.GetResourceName()), isKnown: true);
            var resolvedId = (request.IsRead ? request.MockArgs.Id : id ?? request.MockArgs.Id) ?? string.Empty;
            outputs.Id?.SetValue(resolvedId, isKnown: resolvedId.Length > 0);

            var serializedState = await SerializeStateAsync(state).ConfigureAwait(false);
            foreach (var (name, completion) in outputs.Properties)
            {
                if (serializedState.TryGetValue(name, out var value))
                {
                    completion.SetValue(OutputConverter.Convert(value, completion.ValueType), !InputSerializer.ContainsUnknown(value));
                }
            }

            // An output the state does not mention is unknown in a preview and the type's default in an update.
            outputs.DefaultUnresolved(isKnown: !context.IsDryRun);
        }
        catch (Exception exception)
        {
            outputs.FailUnresolved(exception);
            throw;
        }
    }

    private static async Task<RegistrationRequest> PrepareAsync(
        DeploymentContext context, Resource resource, ResourceArgs args, ResourceOptions options)
    {
        var serializer = new InputSerializer();
        var inputs = resource.IsCustom
            ? await serializer.SerializeArgsAsync(args).ConfigureAwait(false)
            : ImmutableDictionary<string, object>.Empty;

        var parentUrn = resource.Parent is null
            ? string.Empty
            : await ValueAsync(resource.Parent.Urn).ConfigureAwait(false) ?? string.Empty;

        var dependencies = new HashSet<Resource>(serializer.Dependencies);
        if (options.DependsOnIfSet is { } dependsOn)
        {
            dependencies.UnionWith(await ValueAsync(dependsOn.ToOutput()).ConfigureAwait(false) is { IsDefault: false } explicitDependencies
                ? explicitDependencies.Where(dependency => dependency is not null)
                : []);
        }

        await WaitForRegistrationAsync(dependencies).ConfigureAwait(false);

        // A non-empty id means "read the existing object" (the Get methods), otherwise it is a registration.
        var readId = options.Id is null ? null : await ValueAsync(options.Id.ToOutput()).ConfigureAwait(false);
        var provider = resource.Provider is null ? string.Empty : await ProviderReferenceAsync(resource.Provider).ConfigureAwait(false);
        var mockArgs = new MockResourceArgs
        {
            Type = resource.GetResourceType(),
            Name = resource.GetResourceName(),
            Inputs = ToMockInputs(inputs),
            Provider = provider,
            Id = string.IsNullOrEmpty(readId) ? (options as CustomResourceOptions)?.ImportId ?? string.Empty : readId,
        };
        return new RegistrationRequest(mockArgs, parentUrn, IsRead: !string.IsNullOrEmpty(readId));
    }

    /// <summary>
    /// Waits as the real SDK does: for each custom resource among the dependencies to be registered, where a
    /// (non-remote) component stands for the resources under it rather than for itself.
    /// </summary>
    private static async Task WaitForRegistrationAsync(IEnumerable<Resource> dependencies)
    {
        var pending = new Stack<Resource>(dependencies);
        var seen = new HashSet<Resource>();
        while (pending.TryPop(out var dependency))
        {
            if (!seen.Add(dependency))
            {
                continue;
            }

            if (dependency.IsCustom)
            {
                await dependency.Urn.DataTask.ConfigureAwait(false);
                continue;
            }

            foreach (var child in dependency.Children)
            {
                pending.Push(child);
            }
        }
    }

    private static async Task<string> ProviderReferenceAsync(ProviderResource provider)
    {
        var urn = await ValueAsync(provider.Urn).ConfigureAwait(false);
        var id = await ValueAsync(provider.Id).ConfigureAwait(false);
        return $"{urn}::{(string.IsNullOrEmpty(id) ? UnknownId : id)}";
    }

    private const string UnknownId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private static async Task<T?> ValueAsync<T>(Output<T> output)
    {
        var data = await output.DataTask.ConfigureAwait(false);
        return data.Value;
    }

    /// <summary>What the mock monitor hands the mocks: no null entries, and no entry that holds an unknown anywhere.</summary>
    private static ImmutableDictionary<string, object> ToMockInputs(ImmutableDictionary<string, object> inputs)
        => inputs.Where(input => !InputSerializer.ContainsUnknown(input.Value))
            .ToImmutableDictionary(StringComparer.Ordinal);

    private static async Task<ImmutableDictionary<string, object>> SerializeStateAsync(object state)
    {
        var serialized = await new InputSerializer().SerializeAsync(state).ConfigureAwait(false);
        return serialized as ImmutableDictionary<string, object>
            ?? throw new InvalidOperationException($"{state.GetType().FullName} is not a supported argument type");
    }

    /// <summary>The mock monitor's URN: the stack's type, then the resource's own type, whatever its parent.</summary>
    private static string NewUrn(DeploymentContext context, string parentUrn, string type, string name)
    {
        if (parentUrn.Length > 0)
        {
            var parentType = parentUrn.Split("::")[2].Split('$')[0];
            type = $"{parentType}${type}";
        }

        return $"urn:pulumi:{context.StackName}::{context.ProjectName}::{type}::{name}";
    }

    private static async Task RegisterOutputsAsync(DeploymentContext context, Resource resource, Output<IDictionary<string, object?>> outputs)
    {
        var urn = await ValueAsync(resource.Urn).ConfigureAwait(false) ?? string.Empty;
        var values = await ValueAsync(outputs).ConfigureAwait(false) ?? ImmutableDictionary<string, object?>.Empty;
        var serializer = new InputSerializer();
        var registered = ImmutableDictionary.CreateBuilder<string, Output<object?>>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            var serialized = await serializer.SerializeAsync(value).ConfigureAwait(false);
            if (serialized is null)
            {
                continue;
            }

            var isKnown = !InputSerializer.ContainsUnknown(serialized);
            registered[key] = Output<object?>.FromData(new OutputData<object?>(
                isKnown ? serialized : null, isKnown, false, ImmutableHashSet<Resource>.Empty));
        }

        await context.Mocks.RegisterResourceOutputs(new MockRegisterResourceOutputsRequest(urn, registered.ToImmutable()))
            .ConfigureAwait(false);
    }

    private sealed record RegistrationRequest(MockResourceArgs MockArgs, string ParentUrn, bool IsRead);
}
