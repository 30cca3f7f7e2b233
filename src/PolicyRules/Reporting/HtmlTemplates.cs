using System.Net;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace PolicyRules.Reporting;

/// <summary>Markup the generator built itself (highlighted text, charts): written as is, never escaped.</summary>
internal sealed class RawHtml(string html)
{
    public string Html { get; } = html;
    public override string ToString() => Html;
}

/// <summary>
/// A Scriban context that HTML-escapes every value a template writes, so escaping does not depend on
/// each template remembering <c>| html.escape</c>: document and rule text can never become markup.
/// Only <see cref="RawHtml"/> passes through.
/// </summary>
internal sealed class EscapingTemplateContext : TemplateContext
{
    public EscapingTemplateContext()
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        LoopLimit = 1_000_000;
        LimitToString = 0;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is RawHtml raw) return Write(raw.Html);
        if (textAsObject is null) return this;
        return Write(WebUtility.HtmlEncode(ObjectToString(textAsObject)));
    }
}

/// <summary>
/// Every HTML page is a Scriban template with an escaping context: the site's (<c>site/NAME.sbn-html</c>) and the
/// standalone pages' (report, comparison, timeline: <c>html/NAME.sbn-html</c>), embedded in the library.
/// </summary>
internal static class HtmlTemplates
{
    private static readonly Dictionary<string, Template> Cache = new(StringComparer.Ordinal);

    public static string Css => _css.Value;
    private static readonly Lazy<string> _css = new(() => ReadResource("site/site.css").TrimEnd() );

    /// <summary>Renders a template (<c>NAME</c> for the site's, <c>html/NAME</c> for the others) with the given globals; a template error is a bug of ours and throws.</summary>
    public static string Render(string name, IReadOnlyDictionary<string, object?> globals)
    {
        var template = Get(name);
        var context = new EscapingTemplateContext();
        var script = new ScriptObject();
        foreach (var (key, value) in globals) script[key] = value;
        context.PushGlobal(script);
        return template.Render(context);
    }

    private static Template Get(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var cached)) return cached;
            var path = name.Contains('/') ? $"{name}.sbn-html" : $"site/{name}.sbn-html";
            var template = Template.Parse(ReadResource(path), path);
            if (template.HasErrors)
                throw new InvalidOperationException($"{path}: " + string.Join("; ", template.Messages.Select(m => m.ToString())));
            return Cache[name] = template;
        }
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the library");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
