using Pulumi;

namespace Frontend.Infra.Components;

/// <summary>
/// Leaves an input unset when its config value is absent. Assigning a null value straight to an input
/// property would go through Pulumi's implicit conversion and set an input that holds null; these return
/// a null input instead, so the key never reaches the manifest and no policy block is emitted empty.
/// </summary>
internal static class Optional
{
    public static Input<string>? Of(string? value) => value is null ? null : (Input<string>)value;

    public static Input<int>? Of(int? value) => value is { } v ? (Input<int>)v : null;

    public static Input<double>? Of(double? value) => value is { } v ? (Input<double>)v : null;

    public static Input<bool>? Of(bool? value) => value is { } v ? (Input<bool>)v : null;

    /// <summary>A nested args block, built only when its config block is present.</summary>
    public static Input<TArgs>? Block<TConfig, TArgs>(TConfig? config, Func<TConfig, TArgs> build)
        where TConfig : class
        where TArgs : class => config is null ? null : (Input<TArgs>)build(config);

    /// <summary>A list input; absent stays absent (the property's backing field stays unset).</summary>
    public static InputList<string> List(IReadOnlyList<string>? values) => values is null ? null! : [.. values];
}
