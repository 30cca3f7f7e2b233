using PolicyRules.Diagnostics;

namespace PolicyRules.Binding;

/// <summary>The compiler's front door: sources in, compiled rule set (with every diagnostic) out.</summary>
public static class RuleCompiler
{
    /// <summary>Parses and binds every rule file; never throws for bad rules: problems are in <see cref="CompiledRuleSet.Diagnostics"/>.</summary>
    public static CompiledRuleSet Compile(RuleSources sources)
    {
        var diagnostics = new List<Diagnostic>(sources.Diagnostics);
        var files = sources.RuleFiles.Select(f => Syntax.RuleParser.Parse(f, diagnostics)).ToList();
        var binder = new Binder(diagnostics, sources.ReadTemplate);
        var set = binder.Bind(files);
        diagnostics.Sort(Diagnostic.Compare);
        set.SourceHash = sources.ComputeHash();
        return set;
    }

    /// <summary>Compiles rule text held in memory, without the built-in pack.</summary>
    public static CompiledRuleSet CompileText(string text, string path = "inline.rules") =>
        Compile(new RuleSources().AddText(text, path));

    /// <summary>The usual set-up of every command: the built-in pack (unless excluded) plus the user's paths.</summary>
    public static CompiledRuleSet Load(IEnumerable<string>? rulePaths, bool includeBuiltIn)
    {
        var sources = new RuleSources();
        if (includeBuiltIn) sources.AddBuiltIn();
        foreach (var path in rulePaths ?? Array.Empty<string>()) sources.AddPath(path);
        return Compile(sources);
    }
}
