namespace Pulumi;

/// <summary>The stack a program run from a function gets, as the real SDK builds one around the function.</summary>
internal sealed class RootStack : Stack
{
    public void Complete() => RegisterOutputs();
}
