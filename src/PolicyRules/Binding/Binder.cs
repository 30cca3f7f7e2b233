using System.Text.RegularExpressions;
using PolicyRules.Diagnostics;
using PolicyRules.Syntax;
using PolicyRules.Text;
using PolicyRules.Documents;

namespace PolicyRules.Binding;

/// <summary>
/// Resolves the names of every rule file of one run (like the syntax trees of one compilation),
/// checks each rule's fields against the taxonomy and the language, parses templates, and produces
/// the <see cref="CompiledRuleSet"/> that matching consumes.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>The largest <c>near/N</c> distance.</summary>
    public const int MaxDistance = 500;
    /// <summary>How deep defines may refer to defines.</summary>
    public const int MaxDefineDepth = 32;

    private static readonly Dictionary<string, EntityKind> Entities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["duration"] = EntityKind.Duration, ["money"] = EntityKind.Money, ["age"] = EntityKind.Age,
        ["place"] = EntityKind.Place, ["date"] = EntityKind.Date,
    };

    private readonly List<Diagnostic> _diagnostics;
    private readonly Func<string, SourceText?> _readTemplate;

    // Lexicons and defines share one namespace, global across files.
    private readonly Dictionary<string, (LexiconSyntax Syntax, SourceText Source)> _lexiconSyntax = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DefineSyntax Syntax, SourceText Source)> _defineSyntax = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Location> _firstDefinition = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lexicon?> _lexicons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pattern?> _defines = new(StringComparer.Ordinal);

    public Binder(List<Diagnostic> diagnostics, Func<string, SourceText?> readTemplate)
    {
        _diagnostics = diagnostics;
        _readTemplate = readTemplate;
    }

    public CompiledRuleSet Bind(IReadOnlyList<RuleFileSyntax> files)
    {
        // Pass 1: declare every name, reporting duplicates at the second definition.
        foreach (var file in files)
        foreach (var declaration in file.Declarations)
        {
            switch (declaration)
            {
                case LexiconSyntax lexicon when Declare(lexicon.Name, file.Source):
                    _lexiconSyntax[lexicon.Name.Name] = (lexicon, file.Source);
                    break;
                case DefineSyntax define when Declare(define.Name, file.Source):
                    _defineSyntax[define.Name.Name] = (define, file.Source);
                    break;
            }
        }

        // Pass 2: resolve every lexicon and define (so unused ones are checked too), dependencies
        // first, so that no resolution nests inside another however long a chain of names is.
        foreach (var name in DependencyOrder(_lexiconSyntax.Keys.ToList(), LexiconReferences, "lexicon")) ResolveLexicon(name);
        foreach (var name in DependencyOrder(_defineSyntax.Keys.ToList(), DefineReferences, "define")) ResolveDefine(name);

        var rules = new List<CompiledRule>();
        var ruleIds = new Dictionary<string, Location>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        foreach (var declaration in file.Declarations.OfType<RuleSyntax>())
        {
            var rule = BindRule(declaration, file.Source);
            if (declaration.Id is null) continue;
            var idLocation = Location.In(file.Source, declaration.Id.Span);
            if (ruleIds.TryGetValue(declaration.Id.Name, out var first))
            {
                Report(BindingDiagnostics.DuplicateRuleId, idLocation, declaration.Id.Name, Describe(first));
                continue;
            }
            ruleIds[declaration.Id.Name] = idLocation;
            // A rule with any error inside it (a bad string, a missing brace) is not compiled.
            if (rule is not null && !_diagnostics.Any(d => d.IsError && d.Location.Source == file.Source && declaration.Span.Contains(d.Location.Span.Start)))
                rules.Add(rule);
        }

        var lexicons = _lexicons.Values.Where(l => l is not null).Select(l => l!).OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        return new CompiledRuleSet(rules, lexicons, _diagnostics);
    }

    private bool Declare(IdentifierSyntax name, SourceText source)
    {
        var location = Location.In(source, name.Span);
        if (Entities.ContainsKey(name.Name))
        {
            Report(BindingDiagnostics.ReservedName, location, name.Name);
            return false;
        }
        if (_firstDefinition.TryGetValue(name.Name, out var first))
        {
            Report(BindingDiagnostics.DuplicateLexicon, location, name.Name, Describe(first));
            return false;
        }
        _firstDefinition[name.Name] = location;
        return true;
    }

    // ---- lexicons ----

    /// <summary>Binds a lexicon whose included lexicons are already bound (see <see cref="DependencyOrder"/>).</summary>
    private void ResolveLexicon(string name)
    {
        var (syntax, source) = _lexiconSyntax[name];
        var lexicon = new Lexicon(name, Location.In(source, syntax.Name.Span));
        var phrases = new List<Phrase>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var entry in syntax.Entries)
        {
            switch (entry)
            {
                case LexiconPhraseSyntax phrase:
                    var bound = BindPhrase(phrase.Literal, source);
                    if (bound is not null && seen.Add(bound.Text)) phrases.Add(bound);
                    break;
                case LexiconReferenceSyntax reference:
                    var location = Location.In(source, reference.Name.Span);
                    var target = reference.Name.Name;
                    if (_lexiconSyntax.ContainsKey(target))
                    {
                        if (_lexicons.GetValueOrDefault(target) is { } included)
                        {
                            // A phrase the lexicon already has is simply not added twice.
                            foreach (var p in included.Phrases)
                                if (seen.Add(p.Text)) phrases.Add(p);
                        }
                        else ok = false; // cyclic or broken: already reported
                    }
                    else if (_defineSyntax.ContainsKey(target))
                        Report(BindingDiagnostics.LexiconInPatternPosition, location, name, target);
                    else if (Entities.ContainsKey(target))
                        Report(BindingDiagnostics.EntityInLexicon, location, name, target);
                    else
                        ReportUndefined(reference.Name, location);
                    break;
            }
        }
        lexicon.Phrases = phrases;
        _lexicons[name] = ok ? lexicon : null;
    }

    private IEnumerable<string> LexiconReferences(string name) =>
        _lexiconSyntax[name].Syntax.Entries.OfType<LexiconReferenceSyntax>().Select(r => r.Name.Name).Where(_lexiconSyntax.ContainsKey);

    private IEnumerable<string> DefineReferences(string name)
    {
        // Walk the define's syntax without recursion: names it mentions that are defines.
        var stack = new Stack<PatternSyntax>();
        stack.Push(_defineSyntax[name].Syntax.Pattern);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case NameSyntax n when _defineSyntax.ContainsKey(n.Identifier.Name): yield return n.Identifier.Name; break;
                case BinaryPatternSyntax b: stack.Push(b.Right); stack.Push(b.Left); break;
                case NotPatternSyntax n: stack.Push(n.Operand); break;
                case NegatedPatternSyntax n: stack.Push(n.Operand); break;
                case CapturePatternSyntax c: stack.Push(c.Operand); break;
                case ParenthesizedPatternSyntax p: stack.Push(p.Inner); break;
            }
        }
    }

    /// <summary>
    /// Names in an order where every name comes after the names it refers to, found without
    /// recursion. A name on a cycle is reported (PR1109) and left out, with every name that needs
    /// it; a name nested deeper than <see cref="MaxDefineDepth"/> is reported (PR1116) where the
    /// limit is crossed, whatever order the file declares them in.
    /// </summary>
    private List<string> DependencyOrder(List<string> names, Func<string, IEnumerable<string>> references, string kind)
    {
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var height = new Dictionary<string, int>(StringComparer.Ordinal);
        var broken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in names)
        {
            if (state.ContainsKey(root)) continue;
            var stack = new Stack<(string Name, IEnumerator<string> Refs)>();
            state[root] = 1;
            stack.Push((root, references(root).Distinct().ToList().GetEnumerator()));
            while (stack.Count > 0)
            {
                var (name, refs) = stack.Peek();
                if (refs.MoveNext())
                {
                    var next = refs.Current;
                    if (!state.TryGetValue(next, out var st))
                    {
                        state[next] = 1;
                        stack.Push((next, references(next).Distinct().ToList().GetEnumerator()));
                    }
                    else if (st == 1)
                    {
                        var path = stack.Select(x => x.Name).Reverse().SkipWhile(n => n != next).Append(next);
                        var (syntaxName, source) = kind == "lexicon"
                            ? (_lexiconSyntax[next].Syntax.Name, _lexiconSyntax[next].Source)
                            : (_defineSyntax[next].Syntax.Name, _defineSyntax[next].Source);
                        Report(BindingDiagnostics.CyclicDefinition, Location.In(source, syntaxName.Span), next, string.Join(" -> ", path));
                        broken.Add(next);
                    }
                    continue;
                }
                stack.Pop();
                state[name] = 2;
                var deps = references(name).Where(height.ContainsKey).ToList();
                height[name] = 1 + (deps.Count == 0 ? 0 : deps.Max(d => height[d]));
                if (broken.Contains(name) || references(name).Any(broken.Contains)) { broken.Add(name); continue; }
                if (kind == "define" && height[name] > MaxDefineDepth)
                {
                    if (height[name] == MaxDefineDepth + 1)
                        Report(BindingDiagnostics.DefineTooDeep, Location.In(_defineSyntax[name].Source, _defineSyntax[name].Syntax.Name.Span), name, MaxDefineDepth);
                    broken.Add(name);
                    continue;
                }
                order.Add(name);
            }
        }
        foreach (var name in broken)
            if (kind == "lexicon") _lexicons[name] = null; else _defines[name] = null;
        return order;
    }

    private Phrase? BindPhrase(StringLiteralSyntax literal, SourceText source)
    {
        var location = Location.In(source, literal.Span);
        var text = literal.Value.Trim();
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string? problem = null;
        if (!parts.Any(p => p != "*" && p.Any(char.IsLetterOrDigit))) problem = parts.Length == 0 || parts.All(p => p == "*") ? "has no words" : "has no letters or digits";
        else if (parts[0] == "*" || parts[^1] == "*") problem = "cannot start or end with '*': a gap must stand between two words";
        else if (parts.Any(p => p != "*" && p.Contains('*'))) problem = "uses '*' inside a word: '*' stands alone for one arbitrary word";
        if (problem is not null)
        {
            Report(BindingDiagnostics.InvalidPhrase, location, literal.Value, problem);
            return null;
        }
        return new Phrase(string.Join(' ', parts), location);
    }

    // ---- defines and patterns ----

    /// <summary>Binds a define whose referenced defines are already bound (see <see cref="DependencyOrder"/>).</summary>
    private void ResolveDefine(string name)
    {
        var (syntax, source) = _defineSyntax[name];
        _defines[name] = BindPattern(syntax.Pattern, source);
    }

    private Pattern? BindPattern(PatternSyntax syntax, SourceText source)
    {
        var location = Location.In(source, syntax.Span);
        switch (syntax)
        {
            case ParenthesizedPatternSyntax paren:
                return BindPattern(paren.Inner, source);

            case PhraseSyntax phrase:
                var bound = BindPhrase(phrase.Literal, source);
                return bound is null ? null : new PhrasePattern(location, bound);

            case NameSyntax name:
            {
                var id = name.Identifier.Name;
                if (Entities.TryGetValue(id, out var kind))
                    return new EntityPattern(location, kind);
                if (_lexiconSyntax.ContainsKey(id))
                {
                    var lexicon = _lexicons.GetValueOrDefault(id);
                    if (lexicon is null) Report(BindingDiagnostics.BrokenDeclarationUsed, location, id);
                    return lexicon is null ? null : new LexiconPattern(location, lexicon);
                }
                if (_defineSyntax.ContainsKey(id))
                {
                    var body = _defines.GetValueOrDefault(id);
                    if (body is null) Report(BindingDiagnostics.BrokenDeclarationUsed, location, id);
                    return body is null ? null : new DefinePattern(location, id, body);
                }
                ReportUndefined(name.Identifier, location);
                return null;
            }

            case BinaryPatternSyntax { Operator: BinaryOperator.And or BinaryOperator.Or } chain:
                return BindChain(chain, source);

            case BinaryPatternSyntax binary:
            {
                var left = BindPattern(binary.Left, source);
                var right = BindPattern(binary.Right, source);
                if (binary.Distance is { } n && (n < 1 || n > MaxDistance))
                {
                    Report(BindingDiagnostics.InvalidDistance, Location.In(source, binary.OperatorSpan), n == int.MaxValue ? "(too large)" : n, MaxDistance);
                    return null;
                }
                if (left is null || right is null) return null;
                return binary.Operator switch
                {
                    BinaryOperator.Near => new ProximityPattern(location, ProximityKind.Near, binary.Distance, left, right),
                    BinaryOperator.Then => new ProximityPattern(location, ProximityKind.Then, null, left, right),
                    _ => new UnlessPattern(location, left, right),
                };
            }

            case NotPatternSyntax not:
            {
                var operand = BindPattern(not.Operand, source);
                return operand is null ? null : new NotPattern(location, operand);
            }

            case NegatedPatternSyntax negated:
            {
                var operand = BindPattern(negated.Operand, source);
                return operand is null ? null : new NegatedPattern(location, operand);
            }

            case CapturePatternSyntax capture:
            {
                var nameLocation = Location.In(source, capture.Name.Span);
                var captureName = capture.Name.Name;
                var valid = true;
                if (!CaptureNameRegex().IsMatch(captureName))
                {
                    Report(BindingDiagnostics.InvalidCaptureName, nameLocation, captureName,
                        "must be letters, digits and '_' (templates use it as a variable, where '-' would mean minus)");
                    valid = false;
                }
                else if (SummaryTemplate.FindingFields.Contains(captureName))
                {
                    Report(BindingDiagnostics.InvalidCaptureName, nameLocation, captureName, "is already a finding field of every template");
                    valid = false;
                }
                var operand = BindPattern(capture.Operand, source);
                return operand is null || !valid ? null : new CapturePattern(location, captureName, operand);
            }

            default:
                return null;
        }
    }

    /// <summary>
    /// <c>a or b or c …</c> (and likewise <c>and</c>): the parser nests a chain to the left, one level
    /// per operator; the operands are collected without recursion and rebuilt as a balanced tree, so
    /// a chain of thousands of alternatives is as shallow as a handful.
    /// </summary>
    private Pattern? BindChain(BinaryPatternSyntax chain, SourceText source)
    {
        var op = chain.Operator;
        var operands = new List<PatternSyntax>();
        PatternSyntax node = chain;
        while (node is BinaryPatternSyntax b && b.Operator == op)
        {
            operands.Add(b.Right);
            node = b.Left;
        }
        operands.Add(node);
        operands.Reverse();
        var bound = new List<Pattern?>(operands.Count);
        foreach (var operand in operands) bound.Add(BindPattern(operand, source));
        if (bound.Any(b => b is null)) return null;
        return Balance(bound!, 0, bound.Count, op, source);
    }

    private static Pattern Balance(List<Pattern> items, int start, int end, BinaryOperator op, SourceText source)
    {
        if (end - start == 1) return items[start];
        var mid = (start + end + 1) / 2;
        var left = Balance(items, start, mid, op, source);
        var right = Balance(items, mid, end, op, source);
        var location = Location.In(source, left.Location.Span.Union(right.Location.Span));
        return op == BinaryOperator.And ? new AndPattern(location, left, right) : new OrPattern(location, left, right);
    }

    /// <summary>Every capture of a bound pattern, defines included, with whether it stands under 'not'.</summary>
    private static List<(string Name, Location Location, bool UnderNot)> CapturesOf(Pattern pattern)
    {
        var result = new List<(string, Location, bool)>();
        var stack = new Stack<(Pattern Node, bool UnderNot)>();
        stack.Push((pattern, false));
        while (stack.Count > 0)
        {
            var (node, underNot) = stack.Pop();
            if (node is CapturePattern c) result.Add((c.Name, c.Location, underNot));
            var childUnderNot = underNot || node is NotPattern;
            foreach (var child in node.Children.Reverse()) stack.Push((child, childUnderNot));
        }
        return result;
    }

    /// <summary>A section pattern is matched against heading text: no entities, captures, negation or carve-outs, even inside a define.</summary>
    private bool CheckSectionPattern(Pattern pattern)
    {
        var stack = new Stack<Pattern>();
        stack.Push(pattern);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            var what = node switch
            {
                EntityPattern e => $"the entity '{e}'",
                CapturePattern => "a capture",
                NegatedPattern => "'negated'",
                UnlessPattern => "'unless'",
                _ => null,
            };
            if (what is not null)
            {
                Report(BindingDiagnostics.SectionPatternUnsupported, node.Location, what);
                return false;
            }
            foreach (var child in node.Children) stack.Push(child);
        }
        return true;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex CaptureNameRegex();

    [GeneratedRegex("^[A-Z]+[0-9]+$")]
    private static partial Regex RuleIdRegex();

    // ---- rules ----

    private static readonly HashSet<string> RepeatableFields = new(StringComparer.Ordinal) { "example", "counter", "refs" };

    private CompiledRule? BindRule(RuleSyntax syntax, SourceText source)
    {
        if (syntax.Id is null) return null;
        var id = syntax.Id.Name;
        var ruleLocation = Location.In(source, syntax.Keyword.Span);
        var ok = true;
        if (!RuleIdRegex().IsMatch(id)) Report(BindingDiagnostics.RuleIdFormat, Location.In(source, syntax.Id.Span), id);
        if (syntax.Title is null || syntax.Title.Value.Trim().Length == 0)
        {
            if (syntax.Title is not null) Report(BindingDiagnostics.EmptyTitle, Location.In(source, syntax.Title.Span), id);
            ok = false;
        }

        if (syntax.Fields.Any(f => f is InvalidFieldSyntax)) ok = false; // already reported by the parser
        var seenFields = new Dictionary<string, FieldSyntax>(StringComparer.Ordinal);
        foreach (var field in syntax.Fields)
        {
            var key = field.Keyword.Name.ToLowerInvariant();
            if (!RepeatableFields.Contains(key) && seenFields.TryGetValue(key, out var first))
            {
                Report(BindingDiagnostics.DuplicateField, Location.In(source, field.Keyword.Span), key, source.GetLinePosition(first.Span.Start).Line);
                ok = false;
                continue;
            }
            seenFields.TryAdd(key, field);
        }

        // provision
        ProvisionKey? provision = null;
        if (seenFields.GetValueOrDefault("provision") is ProvisionFieldSyntax provisionField)
        {
            if (!Taxonomy.TryGet(provisionField.Key.Name, out provision!))
            {
                var suggestion = Spelling.Closest(provisionField.Key.Name, Taxonomy.All.Select(k => k.Key));
                Report(BindingDiagnostics.UnknownProvision, Location.In(source, provisionField.Key.Span), provisionField.Key.Name,
                    suggestion is null ? "; see docs/taxonomy.md" : $"; did you mean '{suggestion}'?");
                provision = null;
                ok = false;
            }
        }
        else if (!seenFields.ContainsKey("provision"))
        {
            Report(BindingDiagnostics.MissingField, Location.In(source, syntax.Id.Span), id, "provision");
            ok = false;
        }
        else ok = false; // present but unparsable: already reported

        // match
        Pattern? match = null;
        if (seenFields.GetValueOrDefault("match") is MatchFieldSyntax matchField)
            match = BindPattern(matchField.Pattern, source);
        else if (!seenFields.ContainsKey("match"))
            Report(BindingDiagnostics.MissingField, Location.In(source, syntax.Id.Span), id, "match");
        if (match is null) ok = false;

        // Captures: doubles warn, captures under 'not' never bind.
        var captureNames = new List<string>();
        foreach (var capture in match is null ? new() : CapturesOf(match))
        {
            if (captureNames.Contains(capture.Name)) Report(BindingDiagnostics.DuplicateCapture, capture.Location, capture.Name);
            else captureNames.Add(capture.Name);
            if (capture.UnderNot) Report(BindingDiagnostics.CaptureNeverBinds, capture.Location, capture.Name);
        }

        Pattern? section = null;
        if (seenFields.GetValueOrDefault("section") is SectionFieldSyntax sectionField)
        {
            section = BindPattern(sectionField.Pattern, source);
            if (section is null || !CheckSectionPattern(section)) ok = false;
        }

        var severity = Severity.Notice;
        if (seenFields.GetValueOrDefault("severity") is NameFieldSyntax severityField)
        {
            if (!SeverityNames.TryParse(severityField.Value.Name, out severity) || severity == Severity.None
                || !string.Equals(severityField.Value.Name, severity.ToName(), StringComparison.OrdinalIgnoreCase))
            {
                Report(BindingDiagnostics.InvalidSeverity, Location.In(source, severityField.Value.Span), severityField.Value.Name);
                ok = false;
            }
        }

        var scope = RuleScope.Sentence;
        if (seenFields.GetValueOrDefault("scope") is NameFieldSyntax scopeField)
        {
            // Enum.TryParse would also take "2"; only the four names are the language.
            var name = scopeField.Value.Name.ToLowerInvariant();
            if (name is "sentence" or "block" or "section" or "document")
                scope = Enum.Parse<RuleScope>(name, ignoreCase: true);
            else
            {
                Report(BindingDiagnostics.InvalidScope, Location.In(source, scopeField.Value.Span), scopeField.Value.Name);
                ok = false;
            }
        }

        var category = (seenFields.GetValueOrDefault("category") as NameFieldSyntax)?.Value.Name.ToLowerInvariant()
                       ?? provision?.Area ?? "";

        SummaryTemplate? summary = null;
        if (seenFields.GetValueOrDefault("summary") is SummaryFieldSyntax summaryField)
        {
            summary = BindSummary(summaryField, source, id, captureNames);
            if (summary is null) ok = false;
        }

        var refs = syntax.Fields.OfType<StringsFieldSyntax>().Where(f => Is(f, "refs")).SelectMany(f => f.Values).Select(v => v.Value).ToList();
        var help = syntax.Fields.OfType<StringsFieldSyntax>().Where(f => Is(f, "help")).Select(f => f.Values[0].Value).FirstOrDefault() ?? "";

        var examples = new List<RuleExample>();
        var counters = new List<RuleExample>();
        foreach (var field in syntax.Fields.OfType<StringsFieldSyntax>())
        {
            var isCounter = Is(field, "counter");
            if (!isCounter && !Is(field, "example")) continue;
            var example = BindExample(field.Values[0], source, isCounter);
            if (example is null) { ok = false; continue; }
            (isCounter ? counters : examples).Add(example);
        }
        if (examples.Count == 0 && ok) Report(BindingDiagnostics.NoExamples, Location.In(source, syntax.Id.Span), id);

        if (!ok || match is null || provision is null) return null;
        return new CompiledRule
        {
            Id = id,
            Title = syntax.Title!.Value.Trim(),
            Provision = provision,
            Category = category,
            Severity = severity,
            Scope = scope,
            Match = match,
            Section = section,
            Summary = summary,
            References = refs,
            Help = help,
            Examples = examples,
            Counters = counters,
            CaptureNames = captureNames,
            Location = ruleLocation,
        };
    }

    private static bool Is(FieldSyntax field, string keyword) =>
        string.Equals(field.Keyword.Name, keyword, StringComparison.OrdinalIgnoreCase);

    private SummaryTemplate? BindSummary(SummaryFieldSyntax field, SourceText source, string ruleId, IReadOnlyCollection<string> captures)
    {
        if (!field.IsFile)
            return SummaryTemplate.Compile(field.Value.Value, source, field.Value.SourceOffset, false, ruleId, captures, _diagnostics);

        var directory = Path.GetDirectoryName(source.Path) ?? "";
        var path = Path.Combine(directory, field.Value.Value);
        var templateSource = _readTemplate(path);
        if (templateSource is null)
        {
            Report(BindingDiagnostics.TemplateNotFound, Location.In(source, field.Value.Span), field.Value.Value, path);
            return null;
        }
        return SummaryTemplate.Compile(templateSource.Text, templateSource, offset => offset, true, ruleId, captures, _diagnostics);
    }

    /// <summary>Takes the <c>[|…|]</c> markers out of an example, recording the spans they mark.</summary>
    private RuleExample? BindExample(StringLiteralSyntax literal, SourceText source, bool isCounter)
    {
        var value = literal.Value;
        var text = new System.Text.StringBuilder(value.Length);
        var spans = new List<TextSpan>();
        int? open = null;
        var openAt = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (i + 1 < value.Length && value[i] == '[' && value[i + 1] == '|')
            {
                if (open is not null)
                {
                    ReportMarkup(literal, source, i, "'[|' inside another marked span; marked spans cannot nest");
                    return null;
                }
                open = text.Length;
                openAt = i;
                i++;
                continue;
            }
            if (i + 1 < value.Length && value[i] == '|' && value[i + 1] == ']')
            {
                if (open is null)
                {
                    ReportMarkup(literal, source, i, "'|]' without a '[|' before it");
                    return null;
                }
                spans.Add(TextSpan.FromBounds(open.Value, text.Length));
                open = null;
                i++;
                continue;
            }
            text.Append(value[i]);
        }
        if (open is not null)
        {
            ReportMarkup(literal, source, openAt, "'[|' is never closed with '|]'");
            return null;
        }
        if (isCounter && spans.Count > 0)
        {
            Report(BindingDiagnostics.CounterMarkup, Location.In(source, literal.Span));
            return null;
        }
        if (text.ToString().Trim().Length == 0)
        {
            ReportMarkup(literal, source, 0, "the passage is empty");
            return null;
        }
        return new RuleExample(text.ToString(), spans, Location.In(source, literal.Span), isCounter);
    }

    private void ReportMarkup(StringLiteralSyntax literal, SourceText source, int index, string message) =>
        Report(BindingDiagnostics.ExampleMarkup, Location.In(source, new TextSpan(literal.SourceOffset(index), 2)), message);

    // ---- reporting ----

    private void ReportUndefined(IdentifierSyntax name, Location location)
    {
        var suggestion = Spelling.Closest(name.Name, _firstDefinition.Keys.Concat(Entities.Keys));
        Report(BindingDiagnostics.UndefinedName, location, name.Name, suggestion is null ? "" : $"; did you mean '{suggestion}'?");
    }

    private void Report(DiagnosticDescriptor descriptor, Location location, params object?[] args) =>
        _diagnostics.Add(new Diagnostic(descriptor, location, args));

    private static string Describe(Location location) =>
        $"{location.Path}({location.Start.Line},{location.Start.Column})";
}
