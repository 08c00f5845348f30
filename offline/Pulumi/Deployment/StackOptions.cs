namespace Pulumi;

public class StackOptions
{
}
