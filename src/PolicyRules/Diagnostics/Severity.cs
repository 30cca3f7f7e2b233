namespace PolicyRules.Diagnostics;

/// <summary>How serious a diagnostic or finding is. Ordered, so "at least warning" is a comparison.</summary>
public enum Severity
{
    /// <summary>Switched off by configuration: reported as suppressed, never as a result.</summary>
    None = 0,
    Info = 1,
    Notice = 2,
    Warning = 3,
    Error = 4,
}

public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.None => "none",
        Severity.Info => "info",
        Severity.Notice => "notice",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => "notice",
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "none": case "off": case "silent": severity = Severity.None; return true;
            case "info": case "suggestion": severity = Severity.Info; return true;
            case "notice": severity = Severity.Notice; return true;
            case "warning": severity = Severity.Warning; return true;
            case "error": severity = Severity.Error; return true;
            default: severity = Severity.Notice; return false;
        }
    }
}
