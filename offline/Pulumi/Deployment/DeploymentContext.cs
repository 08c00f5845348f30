using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Pulumi.Testing;

namespace Pulumi;

/// <summary>
/// Everything one run of a program shares: its options, config, mocks, the work in flight, the errors
/// logged and the resources registered. It flows with the async context, like the real Deployment.Instance.
/// </summary>
internal sealed class DeploymentContext
{
    private const string ConfigEnvironmentVariable = "PULUMI_CONFIG";

    private static readonly AsyncLocal<DeploymentContext?> _current = new();

    private readonly List<string> _errors = [];
    private readonly List<Resource> _registered = [];
    private long _declarations;

    public DeploymentContext(IMocks mocks, TestOptions options)
    {
        Mocks = mocks;
        IsDryRun = options.IsPreview ?? true;
        StackName = options.StackName ?? "stack";
        ProjectName = options.ProjectName ?? "project";
        OrganizationName = options.OrganizationName ?? "organization";
        RootDirectory = options.RootDirectory ?? string.Empty;
        Config = ParseConfig(Environment.GetEnvironmentVariable(ConfigEnvironmentVariable));
        Instance = new DeploymentInstance(this);
    }

    public static DeploymentContext? Current => _current.Value;

    public IMocks Mocks { get; }

    public bool IsDryRun { get; }

    public string StackName { get; }

    public string ProjectName { get; }

    public string OrganizationName { get; }

    public string RootDirectory { get; }

    public ImmutableDictionary<string, string> Config { get; }

    public DeploymentInstance Instance { get; }

    public TaskRunner Runner { get; } = new();

    public Resource? Stack { get; set; }

    public ImmutableArray<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>
    /// The resources that reached the mocks, in the order the program declared them: one order the real SDK
    /// can produce too (a resource can only depend on one declared before it), and the same on every run.
    /// </summary>
    public ImmutableArray<Resource> Registered
    {
        get
        {
            lock (_registered)
            {
                return [.. _registered.OrderBy(resource => resource.DeclarationIndex)];
            }
        }
    }

    public long NextDeclarationIndex() => Interlocked.Increment(ref _declarations);

    public static DeploymentContext Require()
        => Current ?? throw new InvalidOperationException("Trying to acquire Deployment.Instance before 'Run' was called.");

    public void Enter()
    {
        if (_current.Value is not null)
        {
            throw new InvalidOperationException("Deployment.Instance should only be set once at the beginning of a 'Run' call.");
        }

        _current.Value = this;
    }

    public void LogError(string message)
    {
        lock (_errors)
        {
            _errors.Add(message);
        }
    }

    public void AddRegistered(Resource resource)
    {
        lock (_registered)
        {
            _registered.Add(resource);
        }
    }

    private static ImmutableDictionary<string, string> ParseConfig(string? json)
    {
        var config = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (json is null)
        {
            return config.ToImmutable();
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            config[CleanKey(property.Name)] = property.Value.ToString();
        }

        return config.ToImmutable();
    }

    /// <summary>Older language hosts send <c>project:config:key</c>; the SDK reads it as <c>project:key</c>.</summary>
    private static string CleanKey(string key)
    {
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        const string legacyInfix = "config:";
        return separator > 0 && key.AsSpan(separator + 1).StartsWith(legacyInfix, StringComparison.Ordinal)
            ? string.Concat(key.AsSpan(0, separator + 1), key.AsSpan(separator + 1 + legacyInfix.Length))
            : key;
    }
}
