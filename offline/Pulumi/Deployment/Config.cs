using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Pulumi;

/// <summary>
/// A bag of configuration values, read from <c>PULUMI_CONFIG</c> when the deployment starts, keyed
/// <c>{name}:{key}</c> where the name defaults to the project's. Errors read as the real SDK's do.
/// </summary>
public sealed class Config
{
    private readonly string _name;

    public Config(string? name = null)
    {
        name ??= Deployment.Instance.ProjectName;
        _name = name.EndsWith(":config", StringComparison.Ordinal) ? name[..^":config".Length] : name;
    }

    public string? Get(string key) => DeploymentContext.Require().Config.GetValueOrDefault(FullKey(key));

    public string Require(string key) => Get(key) ?? throw new ConfigMissingException(FullKey(key));

    public Output<string>? GetSecret(string key) => Get(key) is { } value ? Output.CreateSecret(value) : null;

    public Output<string> RequireSecret(string key) => Output.CreateSecret(Require(key));

    public bool? GetBoolean(string key) => Get(key) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var value => throw new ConfigTypeException(FullKey(key), value, nameof(Boolean)),
    };

    public bool RequireBoolean(string key) => GetBoolean(key) ?? throw new ConfigMissingException(FullKey(key));

    public int? GetInt32(string key)
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new ConfigTypeException(FullKey(key), value, nameof(Int32));
    }

    public int RequireInt32(string key) => GetInt32(key) ?? throw new ConfigMissingException(FullKey(key));

    public double? GetDouble(string key)
    {
        var value = Get(key);
        if (value is null)
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new ConfigTypeException(FullKey(key), value, nameof(Double));
    }

    public double RequireDouble(string key) => GetDouble(key) ?? throw new ConfigMissingException(FullKey(key));

    public T? GetObject<T>(string key) => GetObjectCore<T>(key, options: null);

    public T? GetObject<T>(string key, JsonSerializerOptions options) => GetObjectCore<T>(key, options);

    public T RequireObject<T>(string key) => RequireObjectCore<T>(key, options: null);

    public T RequireObject<T>(string key, JsonSerializerOptions options) => RequireObjectCore<T>(key, options);

    private T RequireObjectCore<T>(string key, JsonSerializerOptions? options)
    {
        if (Get(key) is null)
        {
            throw new ConfigMissingException(FullKey(key));
        }

        return GetObjectCore<T>(key, options)!;
    }

    private T? GetObjectCore<T>(string key, JsonSerializerOptions? options)
    {
        var value = Get(key);
        try
        {
            return value is null ? default : JsonSerializer.Deserialize<T>(value, options);
        }
        catch (JsonException exception)
        {
            throw new ConfigTypeException(FullKey(key), value, typeof(T).FullName!, exception);
        }
    }

    private string FullKey(string key) => $"{_name}:{key}";

    private sealed class ConfigTypeException(string key, object? value, string expectedType, Exception? innerException = null)
        : RunException($"Configuration '{key}' value '{value}' is not a valid {expectedType}", innerException);

    private sealed class ConfigMissingException(string key)
        : RunException($"Missing Required configuration variable '{key}'\n"
            + $"\tplease set a value using the command `pulumi config set {key} <value>`");
}
