namespace Pulumi;

/// <summary>
/// Messages to the engine. Under test the engine keeps only errors, and every error fails the run, as the
/// real SDK's mock engine does; debug, info and warnings go nowhere.
/// </summary>
public static class Log
{
    public static void Debug(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null)
        => DeploymentContext.Require();

    public static void Info(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null)
        => DeploymentContext.Require();

    public static void Warn(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null)
        => DeploymentContext.Require();

    public static void Error(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null)
        => DeploymentContext.Require().LogError(message);
}
