using System.CommandLine;
using PolicyRules.Binding;
using PolicyRules.Diagnostics;

namespace PolicyRules.Cli.Commands;

/// <summary>The <c>--rules</c> / <c>--no-default-rules</c> pair every rule-using command takes, and loading from it.</summary>
internal sealed class RuleSetOptions
{
    public Option<string[]> Rules { get; } = CommonOptions.Rules();
    public Option<bool> NoDefaultRules { get; } = CommonOptions.NoDefaultRules();

    public void AddTo(Command command)
    {
        command.Options.Add(Rules);
        command.Options.Add(NoDefaultRules);
    }

    /// <summary>Compiles the rule set the options name; a missing path is a usage error.</summary>
    public CompiledRuleSet Load(ParseResult parse)
    {
        var paths = parse.GetValue(Rules) ?? Array.Empty<string>();
        var noDefault = parse.GetValue(NoDefaultRules);
        if (noDefault && paths.Length == 0)
            throw new UsageException("--no-default-rules needs at least one --rules path");
        try
        {
            return RuleCompiler.Load(paths, includeBuiltIn: !noDefault);
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// The rule set, or null when it has errors: then its errors and warnings and one closing line go to standard
    /// error, and the command exits with <see cref="ExitCodes.RuleErrors"/>. Every rule-using command takes this path.
    /// </summary>
    public CompiledRuleSet? LoadWithoutErrors(ParseResult parse)
    {
        var set = Load(parse);
        if (!set.HasErrors) return set;
        foreach (var d in set.Diagnostics.Where(d => d.Severity >= Severity.Warning)) parse.Err().WriteLine(d.ToString());
        parse.Err().WriteLine("policyrules: the rules have errors; run 'policyrules check' for details");
        return null;
    }
}
