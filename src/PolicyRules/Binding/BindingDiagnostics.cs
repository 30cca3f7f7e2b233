using PolicyRules.Diagnostics;

namespace PolicyRules.Binding;

/// <summary>Errors of resolving and checking a rule set (PR1100–PR1199). Every id is documented in docs/diagnostics.md.</summary>
internal static class BindingDiagnostics
{
    private const string Category = "Binding";

    public static readonly DiagnosticDescriptor UndefinedName = new(
        "PR1101", "Undefined name", "'{0}' is not a lexicon, a define or a built-in entity (duration, money, age, place, date){1}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateLexicon = new(
        "PR1102", "Duplicate name", "'{0}' is already defined at {1}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateRuleId = new(
        "PR1103", "Duplicate rule id", "rule id '{0}' is already used at {1}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor UnknownProvision = new(
        "PR1104", "Unknown provision key", "'{0}' is not a provision key of the taxonomy{1}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor InvalidSeverity = new(
        "PR1105", "Invalid severity", "'{0}' is not a severity: use info, notice, warning or error", Category, Severity.Error);
    public static readonly DiagnosticDescriptor InvalidScope = new(
        "PR1106", "Invalid scope", "'{0}' is not a scope: use sentence, block, section or document", Category, Severity.Error);
    public static readonly DiagnosticDescriptor MissingField = new(
        "PR1107", "Missing required field", "rule '{0}' has no '{1}' field", Category, Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateField = new(
        "PR1108", "Field given twice", "field '{0}' is already given at line {1}; only example, counter and refs may repeat", Category, Severity.Error);
    public static readonly DiagnosticDescriptor CyclicDefinition = new(
        "PR1109", "Cyclic definition", "'{0}' refers to itself through {1}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor ReservedName = new(
        "PR1110", "Reserved name", "'{0}' is a built-in entity name and cannot be redefined", Category, Severity.Error);
    public static readonly DiagnosticDescriptor InvalidPhrase = new(
        "PR1111", "Invalid phrase", "phrase \"{0}\" {1}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor InvalidDistance = new(
        "PR1112", "Invalid distance", "near/{0}: the distance must be between 1 and {1} tokens", Category, Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateCapture = new(
        "PR1113", "Capture named twice", "capture '{0}' is named twice in one rule; its texts are merged", Category, Severity.Warning);
    public static readonly DiagnosticDescriptor CaptureNeverBinds = new(
        "PR1114", "Capture can never bind", "capture '{0}' is inside 'not' and can never capture anything", Category, Severity.Warning);
    public static readonly DiagnosticDescriptor InvalidCaptureName = new(
        "PR1115", "Invalid capture name", "capture name '{0}' {1}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor DefineTooDeep = new(
        "PR1116", "Definitions nested too deeply", "'{0}' nests defines more than {1} levels deep", Category, Severity.Error);
    public static readonly DiagnosticDescriptor EmptyTitle = new(
        "PR1117", "Rule without a title", "rule '{0}' needs a title string after its id", Category, Severity.Error);
    public static readonly DiagnosticDescriptor RuleIdFormat = new(
        "PR1118", "Unusual rule id", "rule id '{0}' should be capital letters followed by digits, such as TRN001", Category, Severity.Warning);
    public static readonly DiagnosticDescriptor SectionPatternUnsupported = new(
        "PR1119", "Unsupported section pattern", "a section pattern may not use {0}: it is matched against heading text only", Category, Severity.Error);
    public static readonly DiagnosticDescriptor LexiconInPatternPosition = new(
        "PR1120", "Lexicon not usable here", "'{0}' is a lexicon and a lexicon may not include a define ('{1}')", Category, Severity.Error);

    public static readonly DiagnosticDescriptor EntityInLexicon = new(
        "PR1124", "Entity in a lexicon", "lexicon '{0}' may include phrases and other lexicons, not the entity '{1}': use it in a pattern instead", Category, Severity.Error);

    /// <summary>PR1125: a pattern uses a lexicon or define that has errors of its own, so the rule cannot compile;
    /// said at the use so that no rule is dropped without an error pointing into it.</summary>
    public static readonly DiagnosticDescriptor BrokenDeclarationUsed = new(
        "PR1125", "Uses a declaration with errors", "'{0}' has errors (reported where it is declared), so this pattern cannot be compiled", Category, Severity.Error);

    public static readonly DiagnosticDescriptor ExampleMarkup = new(
        "PR1121", "Invalid example markup", "example markup: {0}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor CounterMarkup = new(
        "PR1122", "Span marked in a counter-example", "a counter-example must not match, so it cannot mark a span with [|…|]", Category, Severity.Error);
    public static readonly DiagnosticDescriptor NoExamples = new(
        "PR1123", "Rule without examples", "rule '{0}' has no example: add at least one passage it must match", Category, Severity.Info);

    public static readonly DiagnosticDescriptor TemplateSyntax = new(
        "PR1130", "Template syntax error", "summary template: {0}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor TemplateNotFound = new(
        "PR1131", "Template file not found", "summary template file '{0}' was not found (looked for {1})", Category, Severity.Error);
    public static readonly DiagnosticDescriptor TemplateUnknownVariable = new(
        "PR1132", "Unknown template variable", "summary template uses '{0}', which is neither a capture of rule '{1}' nor a finding field ({2})", Category, Severity.Error);
    public static readonly DiagnosticDescriptor TemplateRuntime = new(
        "PR1133", "Template fails when rendered", "summary template fails on a sample finding: {0}", Category, Severity.Error);
    public static readonly DiagnosticDescriptor TemplateWarning = new(
        "PR1134", "Template warning", "summary template: {0}", Category, Severity.Warning);

    public static readonly DiagnosticDescriptor UnreadableRuleFile = new(
        "PR1140", "Unreadable rule file", "cannot read rule file: {0}", Category, Severity.Error);

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(BindingDiagnostics)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();
}
