namespace PolicyRules.Diagnostics;

/// <summary>How serious a diagnostic or finding is. Ordered, so "at least warning" is a comparison.</summary>
public enum Severity
{
    /// <summary>Switched off by configuration: reported as suppressed, never as a result.</summary>
    None = 0,
    /// <summary>Worth knowing; nothing to act on.</summary>
    Info = 1,
    /// <summary>A provision a reader should notice (the default of most rules).</summary>
    Notice = 2,
    /// <summary>A provision that deserves attention; a problem that did not stop the run.</summary>
    Warning = 3,
    /// <summary>A provision flagged as serious; a problem that stops the run (invalid rules, unreadable input).</summary>
    Error = 4,
}

/// <summary>The lower-case names of severities used in rule files, configuration and reports.</summary>
public static class SeverityNames
{
    /// <summary>The name of a severity: <c>none</c>, <c>info</c>, <c>notice</c>, <c>warning</c> or <c>error</c>.</summary>
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.None => "none",
        Severity.Info => "info",
        Severity.Notice => "notice",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => "notice",
    };

    /// <summary>Reads a severity name, case-insensitively; also accepts <c>off</c>/<c>silent</c> (none) and <c>suggestion</c> (info).</summary>
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
