using System;

namespace Pulumi;

/// <summary>An error the program reports to its user without a stack trace, such as a missing config key.</summary>
public class RunException : Exception
{
    public RunException(string message)
        : base(message)
    {
    }

    public RunException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
