namespace Frontend.Infra.Configuration;

/// <summary>The rules for <see cref="OutlierDetectionConfig"/>, as Istio's validateOutlierDetection applies them.</summary>
internal static class OutlierDetectionRules
{
    public static void Validate(ConfigPath path, OutlierDetectionConfig outliers, Problems problems)
    {
        if (RuleChecks.IsEmpty(path, problems, outliers.Consecutive5xxErrors, outliers.ConsecutiveGatewayErrors, outliers.Interval, outliers.BaseEjectionTime, outliers.MaxEjectionPercent, outliers.MinHealthPercent))
        {
            return;
        }

        RuleChecks.AtLeast(path.Property("consecutive5xxErrors"), outliers.Consecutive5xxErrors, 0, problems);
        RuleChecks.AtLeast(path.Property("consecutiveGatewayErrors"), outliers.ConsecutiveGatewayErrors, 0, problems);
        RuleChecks.OptionalDuration(path.Property("interval"), outliers.Interval, problems);
        RuleChecks.OptionalDuration(path.Property("baseEjectionTime"), outliers.BaseEjectionTime, problems);
        if (outliers.MaxEjectionPercent is { } maxEjection)
        {
            problems.InRange(path.Property("maxEjectionPercent"), maxEjection, 0, 100, "a percentage");
        }

        if (outliers.MinHealthPercent is { } minHealth)
        {
            problems.InRange(path.Property("minHealthPercent"), minHealth, 0, 100, "a percentage");
        }
    }
}
