using System.Collections;
using System.Text;
using System.Text.Json;
using Frontend.Cli.Evaluation;
using Frontend.Cli.Stacks;
using Frontend.Infra.Tests.Testing;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Snapshots;

/// <summary>
/// The whole resource graph each committed stack declares, compared with an approved snapshot, so a
/// change to the program or a stack file shows up as a reviewable diff of the snapshot.
/// To approve a change: <c>UPDATE_SNAPSHOTS=1 dotnet test -p:PulumiOffline=true</c>, then review and commit
/// tests/Frontend.Infra.Tests/Snapshots/__snapshots__.
/// </summary>
public sealed class StackGraphSnapshotTests
{
    private static string SnapshotDirectory => Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Infra.Tests", "Snapshots", "__snapshots__");

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("ambient")]
    public async Task Evaluate_CommittedStack_MatchesTheApprovedGraph(string stack)
    {
        var evaluation = await StackEvaluator.EvaluateAsync(StackFiles.Load(RepositoryPaths.Root, stack));
        Assert.Empty(evaluation.Errors);

        var actual = GraphText(evaluation.Registered);

        var path = Path.Combine(SnapshotDirectory, $"{stack}.graph.json");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(SnapshotDirectory);
            await File.WriteAllTextAsync(path, actual);
        }

        Assert.True(File.Exists(path), $"No approved snapshot {path}: run UPDATE_SNAPSHOTS=1 dotnet test -p:PulumiOffline=true, review it and commit it.");
        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }

    [Fact]
    public void GraphText_SameResourcesInAnotherOrder_IsTheSameText()
    {
        var a = new MockResourceArgs { Type = "t:a", Name = "a", Inputs = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add("n", 1.0) };
        var b = new MockResourceArgs { Type = "t:b", Name = "b", Inputs = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add("s", "x") };

        Assert.Equal(GraphText([a, b]), GraphText([b, a]));
        Assert.Contains("\"n\": 1", GraphText([a]), StringComparison.Ordinal);
    }

    /// <summary>Registration order is concurrent, so resources are sorted by type and name, and keys ordinally.</summary>
    private static string GraphText(IEnumerable<MockResourceArgs> registered)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartArray();
            foreach (var resource in registered.OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("type", resource.Type);
                json.WriteString("name", resource.Name);
                json.WritePropertyName("inputs");
                Write(json, resource.Inputs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case double number:
                json.WriteNumberValue(number);
                break;
            case IReadOnlyDictionary<string, object> map:
                json.WriteStartObject();
                foreach (var (key, item) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(key);
                    Write(json, item);
                }

                json.WriteEndObject();
                break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    Write(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Unexpected input value of type {value.GetType()}: the mocks hand over only strings, booleans, doubles, maps and lists.");
        }
    }
}
