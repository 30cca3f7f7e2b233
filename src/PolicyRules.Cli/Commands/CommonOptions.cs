using System.CommandLine;

namespace PolicyRules.Cli.Commands;

/// <summary>Options several commands share, so they are spelled and described once.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Rules() => new("--rules")
    {
        Description = "A folder (or .rules file) of rules to add to the built-in pack. Repeatable.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<bool> NoDefaultRules() => new("--no-default-rules")
    {
        Description = "Use only the rules given with --rules, not the built-in standard pack.",
    };

    public static Option<string> Format(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: " + string.Join(", ", formats) + ".",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Write the report to this file instead of standard output.",
    };

    public static TextWriter Out(this ParseResult parse) => parse.InvocationConfiguration.Output;
    public static TextWriter Err(this ParseResult parse) => parse.InvocationConfiguration.Error;
}
