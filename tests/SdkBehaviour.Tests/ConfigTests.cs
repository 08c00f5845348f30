using System.Text.Json;
using Pulumi;
using SdkBehaviour.Tests.Support;

namespace SdkBehaviour.Tests;

/// <summary>BEHAVIOUR.md, "Config and errors": config comes from PULUMI_CONFIG, read when the deployment starts.</summary>
public sealed class ConfigTests
{
    private const string StackConfig = """
        {
          "frontend:image": "nginx:1.27",
          "frontend:replicas": "3",
          "frontend:badReplicas": "three",
          "frontend:enabled": "true",
          "frontend:badEnabled": "yes",
          "frontend:weights": "{\"v1\":90,\"v2\":10}",
          "frontend:canary": "{\"version\":\"v2\",\"weight\":10}",
          "frontend:badWeights": "not json",
          "istio:revision": "1-22"
        }
        """;

    [Fact]
    public async Task Require_KeySetInPulumiConfig_ReturnsItsValue()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var value = await ReadAsync(config => config.Require("image"));

        Assert.Equal("nginx:1.27", value);
    }

    [Fact]
    public async Task Get_AbsentKey_ReturnsNull()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var value = await ReadAsync(config => config.Get("absent"));

        Assert.Null(value);
    }

    [Fact]
    public async Task Get_OtherNamespace_ReadsThatNamespacesKeys()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var value = await ReadAsync(_ => new Config("istio").Get("revision"));

        Assert.Equal("1-22", value);
    }

    [Fact]
    public async Task RequireInt32_NumberText_ReturnsTheNumber()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var value = await ReadAsync(config => config.RequireInt32("replicas"));

        Assert.Equal(3, value);
    }

    [Fact]
    public async Task GetInt32_AbsentKey_ReturnsNull()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var value = await ReadAsync(config => config.GetInt32("absent"));

        Assert.Null(value);
    }

    [Fact]
    public async Task GetBoolean_TrueText_ReturnsTrue()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var value = await ReadAsync(config => config.GetBoolean("enabled"));

        Assert.True(value);
    }

    [Fact]
    public async Task RequireObject_JsonTextInsideTheString_Deserializes()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var weights = await ReadAsync(config => config.RequireObject<Dictionary<string, int>>("weights"));

        Assert.Equal(new Dictionary<string, int> { ["v1"] = 90, ["v2"] = 10 }, weights);
    }

    [Fact]
    public async Task RequireObject_WithSerializerOptions_UsesThem()
    {
        using var _ = new PulumiConfigScope(StackConfig);
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

        var canary = await ReadAsync(config => config.RequireObject<Canary>("canary", options));

        Assert.Equal(new Canary("v2", 10), canary);
    }

    [Fact]
    public async Task GetObject_AbsentKey_ReturnsNull()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var canary = await ReadAsync(config => config.GetObject<Canary>("absent"));

        Assert.Null(canary);
    }

    [Fact]
    public async Task Require_MissingKey_FailsTheRunWithTheSdksMessage()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var error = await Assert.ThrowsAsync<RunException>(() => ReadAsync(config => config.Require("absent")));

        Assert.Equal(
            "Missing Required configuration variable 'frontend:absent'\n\tplease set a value using the command `pulumi config set frontend:absent <value>`",
            error.Message);
    }

    [Fact]
    public async Task RequireObject_MissingKey_FailsTheRunWithTheSdksMessage()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var error = await Assert.ThrowsAsync<RunException>(() => ReadAsync(config => config.RequireObject<Canary>("absent")));

        Assert.StartsWith("Missing Required configuration variable 'frontend:absent'\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireInt32_NotANumber_FailsTheRunNamingKeyValueAndType()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var error = await Assert.ThrowsAsync<RunException>(() => ReadAsync(config => config.RequireInt32("badReplicas")));

        Assert.Equal("Configuration 'frontend:badReplicas' value 'three' is not a valid Int32", error.Message);
    }

    [Fact]
    public async Task GetBoolean_NotABoolean_FailsTheRunNamingKeyValueAndType()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var error = await Assert.ThrowsAsync<RunException>(() => ReadAsync(config => config.GetBoolean("badEnabled")));

        Assert.Equal("Configuration 'frontend:badEnabled' value 'yes' is not a valid Boolean", error.Message);
    }

    [Fact]
    public async Task RequireObject_InvalidJson_FailsTheRunNamingKeyValueAndType()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var error = await Assert.ThrowsAsync<RunException>(() => ReadAsync(config => config.RequireObject<Canary>("badWeights")));

        Assert.Equal($"Configuration 'frontend:badWeights' value 'not json' is not a valid {typeof(Canary).FullName}", error.Message);
    }

    [Fact]
    public async Task Config_PulumiConfigChangedDuringTheRun_StillSeesTheValueFromWhenTheRunStarted()
    {
        using var _ = new PulumiConfigScope(StackConfig);

        var value = await ReadAsync(config =>
        {
            PulumiConfigScope.Set("""{ "frontend:image": "changed" }""");
            return config.Require("image");
        });

        Assert.Equal("nginx:1.27", value);
    }

    [Fact]
    public async Task Config_NextRun_ReadsPulumiConfigAgain()
    {
        using var _ = new PulumiConfigScope(StackConfig);
        await ReadAsync(config => config.Require("image"));
        PulumiConfigScope.Set("""{ "frontend:image": "nginx:1.28" }""");

        var value = await ReadAsync(config => config.Require("image"));

        Assert.Equal("nginx:1.28", value);
    }

    /// <summary>Reads config the way the program does: inside a run, with a Config for the project.</summary>
    private static async Task<T> ReadAsync<T>(Func<Config, T> read)
    {
        T value = default!;
        await Run.UpdateAsync(new RecordingMocks(), () => value = read(new Config()));
        return value;
    }

    public sealed record Canary(string Version, int Weight);
}
