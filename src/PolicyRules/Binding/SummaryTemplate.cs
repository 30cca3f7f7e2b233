using PolicyRules.Diagnostics;
using PolicyRules.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PolicyRules.Binding;

/// <summary>Limits that keep an analyst's template from looping or recursing without end. A user can raise them.</summary>
public sealed record TemplateLimits(int LoopLimit = 1000, int RecursionLimit = 64, int OutputLimit = 100_000, int TimeoutMilliseconds = 2000)
{
    /// <summary>The limits used unless the user raises them.</summary>
    public static TemplateLimits Default { get; } = new();
}

/// <summary>A summary template failed at render time; the location is in the rule or template file.</summary>
public sealed class SummaryRenderException(string message, Location location) : Exception(message)
{
    /// <summary>Where the failing template is: the rule file (inline template) or the template file.</summary>
    public Location Location { get; } = location;
}

/// <summary>
/// A rule's summary template, parsed with Scriban when the rule set is compiled. Errors are mapped
/// to positions in the rule file (inline templates) or in the .sbn file.
/// </summary>
public sealed class SummaryTemplate
{
    /// <summary>The fields every finding offers a template, besides the rule's own captures.</summary>
    public static readonly IReadOnlyList<string> FindingFields = new[]
    {
        "service", "doc_type", "date", "path", "title", "rule_id", "provision", "provision_title",
        "category", "severity", "excerpt", "section", "captures",
    };

    // Scriban's built-in objects and loop variables, which a template may always use.
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        "array", "date", "html", "math", "object", "regex", "string", "timespan", "empty", "blank",
        "for", "while", "tablerow", "this", "include",
    };

    [ThreadStatic] private static TemplateContext? _pooledContext;
    // One time-limit source per thread, reset for each render: a new one per finding created and
    // dropped a timer each time.
    [ThreadStatic] private static CancellationTokenSource? _pooledTimeout;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SourceText, Dictionary<string, Template>> ParseCache = new();

    private readonly Template _template;
    private readonly SourceText _source;
    private readonly Func<int, int> _toSourceOffset;

    private SummaryTemplate(string text, Template template, SourceText source, Func<int, int> toSourceOffset, bool isFile)
    {
        Text = text;
        _template = template;
        _source = source;
        _toSourceOffset = toSourceOffset;
        IsFile = isFile;
    }

    /// <summary>The template's source text.</summary>
    public string Text { get; }
    /// <summary>Whether the template was read from a file (<c>summary-file</c>) rather than written inline.</summary>
    public bool IsFile { get; }
    /// <summary>Where the template starts.</summary>
    public Location Location => Location.In(_source, new TextSpan(_toSourceOffset(0), 0));

    /// <summary>Parses and checks a template; reports problems and returns null when it cannot be used.</summary>
    internal static SummaryTemplate? Compile(
        string text, SourceText source, Func<int, int> toSourceOffset, bool isFile,
        string ruleId, IReadOnlyCollection<string> captureNames, ICollection<Diagnostic> diagnostics)
    {
        // A template file shared by several rules is parsed once per source.
        Template template;
        lock (ParseCache)
        {
            if (!ParseCache.TryGetValue(source, out var byText) || !byText.TryGetValue(text, out template!))
            {
                template = Template.Parse(text, source.Path);
                if (byText is null) ParseCache.Add(source, byText = new Dictionary<string, Template>(StringComparer.Ordinal));
                byText[text] = template;
            }
        }
        var ok = true;
        foreach (var message in template.Messages)
        {
            var location = Location.In(source, new TextSpan(toSourceOffset(OffsetOf(text, message.Span.Start)), 0));
            var descriptor = message.Type == ParserMessageType.Error ? BindingDiagnostics.TemplateSyntax : BindingDiagnostics.TemplateWarning;
            diagnostics.Add(new Diagnostic(descriptor, location, message.Message));
            if (message.Type == ParserMessageType.Error) ok = false;
        }
        if (!ok || template.Page is null) return null;

        var known = new HashSet<string>(FindingFields.Concat(captureNames), StringComparer.Ordinal);
        var checker = new VariableChecker();
        checker.Visit(template.Page);
        foreach (var (name, span) in checker.Globals)
        {
            if (known.Contains(name) || Builtins.Contains(name) || checker.Assigned.Contains(name)) continue;
            var location = Location.In(source, new TextSpan(toSourceOffset(OffsetOf(text, span.Start)), name.Length));
            diagnostics.Add(new Diagnostic(BindingDiagnostics.TemplateUnknownVariable, location, name, ruleId,
                string.Join(", ", captureNames.Concat(FindingFields))));
            ok = false;
        }
        if (!ok) return null;

        var compiled = new SummaryTemplate(text, template, source, toSourceOffset, isFile);
        // A dry run on a sample finding catches what only shows when rendering: endless loops, endless recursion, type errors.
        try
        {
            compiled.Render(SampleModel(ruleId, captureNames));
        }
        catch (SummaryRenderException e)
        {
            diagnostics.Add(new Diagnostic(BindingDiagnostics.TemplateRuntime, e.Location, e.Message));
            return null;
        }
        return compiled;
    }

    /// <summary>Renders the template with a finding's model; values may be strings, numbers or lists of strings.</summary>
    public string Render(IReadOnlyDictionary<string, object?> model, TemplateLimits? limits = null)
    {
        limits ??= TemplateLimits.Default;
        var globals = new ScriptObject();
        foreach (var (key, value) in model) globals[key] = ToScript(value);
        var timeout = _pooledTimeout is { } pooled && pooled.TryReset() ? pooled : _pooledTimeout = new CancellationTokenSource();
        timeout.CancelAfter(limits.TimeoutMilliseconds);
        // A context builds Scriban's built-in objects when created: reuse one per thread, with
        // this render's model pushed on top of it, and drop it if a render fails half-way.
        var context = _pooledContext ?? new TemplateContext { StrictVariables = true, EnableRelaxedMemberAccess = false };
        _pooledContext = null;
        context.LoopLimit = limits.LoopLimit;
        context.RecursiveLimit = limits.RecursionLimit;
        context.LimitToString = limits.OutputLimit;
        context.CancellationToken = timeout.Token;
        context.PushGlobal(globals);
        try
        {
            var output = _template.Render(context);
            context.PopGlobal();
            _pooledContext = context;
            return output.Length > limits.OutputLimit ? output[..limits.OutputLimit] : output;
        }
        catch (ScriptRuntimeException e)
        {
            // Scriban reports a cancelled render as a runtime error: say it was the time limit.
            var message = timeout.IsCancellationRequested ? $"rendering took longer than {limits.TimeoutMilliseconds} ms" : e.OriginalMessage;
            throw new SummaryRenderException(message, LocationOf(e.Span.Start));
        }
        catch (OperationCanceledException)
        {
            throw new SummaryRenderException($"rendering took longer than {limits.TimeoutMilliseconds} ms", Location);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException or OverflowException or IndexOutOfRangeException)
        {
            throw new SummaryRenderException(e.Message, Location);
        }
    }

    /// <summary>A plausible finding for the dry run: every capture holds one sample text.</summary>
    internal static Dictionary<string, object?> SampleModel(string ruleId, IEnumerable<string> captureNames)
    {
        var captures = new Dictionary<string, object?>(StringComparer.Ordinal);
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["service"] = "Example Service", ["doc_type"] = "privacy-policy", ["date"] = "2026-01-01",
            ["path"] = "example/privacy-policy/2026-01-01.md", ["title"] = "Sample", ["rule_id"] = ruleId,
            ["provision"] = "training.user-content", ["provision_title"] = "Sample provision", ["category"] = "training",
            ["severity"] = "notice", ["excerpt"] = "A sample sentence.", ["section"] = new[] { "Section" },
        };
        foreach (var name in captureNames)
        {
            var sample = new[] { "sample " + name };
            captures[name] = sample;
            model[name] = sample;
        }
        model["captures"] = captures;
        return model;
    }

    private Location LocationOf(TextPosition position) =>
        Location.In(_source, new TextSpan(_toSourceOffset(OffsetOf(Text, position)), 0));

    private static int OffsetOf(string text, TextPosition position)
    {
        if (position.Offset >= 0 && position.Offset <= text.Length) return position.Offset;
        // Fall back to line/column (0-based in Scriban).
        var line = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (line == position.Line) return Math.Min(text.Length, i + Math.Max(0, position.Column));
            if (text[i] == '\n') line++;
        }
        return text.Length;
    }

    private static object? ToScript(object? value) => value switch
    {
        null => null,
        string s => s,
        IReadOnlyDictionary<string, object?> map => ToScriptObject(map),
        System.Collections.IEnumerable list => ToScriptArray(list),
        _ => value,
    };

    private static ScriptObject ToScriptObject(IReadOnlyDictionary<string, object?> map)
    {
        var o = new ScriptObject();
        foreach (var (k, v) in map) o[k] = ToScript(v);
        return o;
    }

    private static ScriptArray ToScriptArray(System.Collections.IEnumerable list)
    {
        var a = new ScriptArray();
        foreach (var item in list) a.Add(ToScript(item));
        return a;
    }

    /// <summary>Collects the global variables a template reads and the names it assigns or loops over.</summary>
    private sealed class VariableChecker : ScriptVisitor
    {
        public List<(string Name, SourceSpan Span)> Globals { get; } = new();
        public HashSet<string> Assigned { get; } = new(StringComparer.Ordinal);

        public override void Visit(ScriptVariableGlobal node)
        {
            Globals.Add((node.Name, node.Span));
            base.Visit(node);
        }

        // In `array.join`, `join` is a member, not a variable: visit only the target.
        public override void Visit(ScriptMemberExpression node) => node.Target?.Accept(this);

        public override void Visit(ScriptAssignExpression node)
        {
            if (node.Target is ScriptVariable v) Assigned.Add(v.Name);
            base.Visit(node);
        }

        public override void Visit(ScriptForStatement node)
        {
            if (node.Variable is ScriptVariable v) Assigned.Add(v.Name);
            base.Visit(node);
        }

        public override void Visit(ScriptFunction node)
        {
            if (node.NameOrDoToken is ScriptVariable v) Assigned.Add(v.Name);
            base.Visit(node);
        }

        public override void Visit(ScriptParameter node)
        {
            if (node.Name is ScriptVariable v) Assigned.Add(v.Name);
            base.Visit(node);
        }

        public override void Visit(ScriptCaptureStatement node)
        {
            if (node.Target is ScriptVariable v) Assigned.Add(v.Name);
            base.Visit(node);
        }
    }
}
