using Frontend.Infra;
using Pulumi;

namespace Frontend.Cli.Evaluation;

/// <summary>The options a resource was declared with that decide what a deletion does to it.</summary>
internal sealed record DeletionSafety(string Type, string Name, bool Protected, bool RetainedOnDelete);

/// <summary>
/// The program's stack for a render: runs <see cref="FrontendStack.Run"/> as <c>pulumi up</c> would, and
/// records, through a stack transformation, which resources are protected or retained on delete. The mocks
/// never see resource options; a transformation is how the real SDK shows them to a program.
/// </summary>
internal sealed class RenderStack : Stack
{
    private static readonly AsyncLocal<Capture?> Current = new();

    public RenderStack()
        : base(new StackOptions { ResourceTransformations = { Record } })
    {
        Capture.Require().Outputs = FrontendStack.Run(Capture.Require().UndecryptedSecrets);
    }

    /// <summary>Starts a capture that the stack constructed by the next evaluation in this async flow fills.</summary>
    public static Capture Begin(IReadOnlyCollection<string> undecryptedSecrets) => Current.Value = new Capture { UndecryptedSecrets = undecryptedSecrets };

    private static ResourceTransformationResult? Record(ResourceTransformationArgs args)
    {
        if (args.Options.Protect == true || args.Options.RetainOnDelete == true)
        {
            lock (Capture.Require().Safety)
            {
                Capture.Require().Safety.Add(new DeletionSafety(args.Resource.GetResourceType(), args.Resource.GetResourceName(), args.Options.Protect == true, args.Options.RetainOnDelete == true));
            }
        }

        return null;
    }

    /// <summary>What one evaluation's stack recorded.</summary>
    internal sealed class Capture
    {
        public List<DeletionSafety> Safety { get; } = [];

        public IDictionary<string, object?> Outputs { get; set; } = new Dictionary<string, object?>();

        /// <summary>The secure leaves the render passed as a placeholder (<see cref="Stacks.StackSettings.UndecryptedSecrets"/>).</summary>
        public IReadOnlyCollection<string> UndecryptedSecrets { get; init; } = [];

        public static Capture Require() =>
            Current.Value ?? throw new InvalidOperationException("RenderStack runs only inside an evaluation started with RenderStack.Begin().");
    }
}
