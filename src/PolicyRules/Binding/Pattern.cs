using PolicyRules.Diagnostics;
using PolicyRules.Documents; // EntityKind: the entities a pattern names are those the document model recognises

namespace PolicyRules.Binding;

internal enum ProximityKind { Near, Then }

/// <summary>
/// A bound pattern: names resolved, defines inlined (kept as <see cref="DefinePattern"/> so
/// <c>explain</c> can name them). Every node keeps the location of the syntax it came from.
/// </summary>
internal abstract class Pattern(Location location)
{
    public Location Location { get; } = location;

    public abstract IEnumerable<Pattern> Children { get; }

    /// <summary>The rule-file text of this pattern, as written.</summary>
    public string SourceText => Location.Source?.ToString(Location.Span) ?? ToString() ?? "";
}

/// <summary>A mention of any phrase of a lexicon.</summary>
internal sealed class LexiconPattern(Location location, Lexicon lexicon) : Pattern(location)
{
    public Lexicon Lexicon { get; } = lexicon;
    public override IEnumerable<Pattern> Children => Array.Empty<Pattern>();
    public override string ToString() => Lexicon.Name;
}

/// <summary>A literal phrase written in the pattern itself.</summary>
internal sealed class PhrasePattern(Location location, Phrase phrase) : Pattern(location)
{
    public Phrase Phrase { get; } = phrase;
    public override IEnumerable<Pattern> Children => Array.Empty<Pattern>();
    public override string ToString() => "\"" + Phrase.Text + "\"";
}

/// <summary>A built-in entity: duration, money, age, place or date.</summary>
internal sealed class EntityPattern(Location location, EntityKind kind) : Pattern(location)
{
    public EntityKind Kind { get; } = kind;
    public override IEnumerable<Pattern> Children => Array.Empty<Pattern>();
    public override string ToString() => Kind.ToString().ToLowerInvariant();
}

/// <summary>A use of a <c>define</c>: the same as its body, named for explanations.</summary>
internal sealed class DefinePattern(Location location, string name, Pattern body) : Pattern(location)
{
    public string Name { get; } = name;
    public Pattern Body { get; } = body;
    public override IEnumerable<Pattern> Children => new[] { Body };
    public override string ToString() => Name;
}

internal sealed class AndPattern(Location location, Pattern left, Pattern right) : Pattern(location)
{
    public Pattern Left { get; } = left;
    public Pattern Right { get; } = right;
    public override IEnumerable<Pattern> Children => new[] { Left, Right };
    public override string ToString() => $"({Left} and {Right})";
}

internal sealed class OrPattern(Location location, Pattern left, Pattern right) : Pattern(location)
{
    public Pattern Left { get; } = left;
    public Pattern Right { get; } = right;
    public override IEnumerable<Pattern> Children => new[] { Left, Right };
    public override string ToString() => $"({Left} or {Right})";
}

/// <summary><c>a near b</c> (same sentence), <c>a near/N b</c> (within N tokens), <c>a then b</c> (a before b, same sentence).</summary>
internal sealed class ProximityPattern(Location location, ProximityKind kind, int? distance, Pattern left, Pattern right) : Pattern(location)
{
    public ProximityKind Kind { get; } = kind;
    /// <summary>Maximum number of tokens between the two mentions; null means "in the same sentence".</summary>
    public int? Distance { get; } = distance;
    public Pattern Left { get; } = left;
    public Pattern Right { get; } = right;
    public override IEnumerable<Pattern> Children => new[] { Left, Right };
    public override string ToString() =>
        $"({Left} {(Kind == ProximityKind.Then ? "then" : Distance is { } n ? $"near/{n}" : "near")} {Right})";
}

/// <summary><c>not x</c>: no affirmative mention of x in the scope unit.</summary>
internal sealed class NotPattern(Location location, Pattern operand) : Pattern(location)
{
    public Pattern Operand { get; } = operand;
    public override IEnumerable<Pattern> Children => new[] { Operand };
    public override string ToString() => $"not {Operand}";
}

/// <summary><c>negated(x)</c>: a mention of x inside a negated clause.</summary>
internal sealed class NegatedPattern(Location location, Pattern operand) : Pattern(location)
{
    public Pattern Operand { get; } = operand;
    public override IEnumerable<Pattern> Children => new[] { Operand };
    public override string ToString() => $"negated({Operand})";
}

/// <summary><c>A unless B</c>: a carve-out. A holds and an exception clause attached to A mentions B. Never <c>A and not B</c>.</summary>
internal sealed class UnlessPattern(Location location, Pattern condition, Pattern exception) : Pattern(location)
{
    public Pattern Condition { get; } = condition;
    public Pattern Exception { get; } = exception;
    public override IEnumerable<Pattern> Children => new[] { Condition, Exception };
    public override string ToString() => $"({Condition} unless {Exception})";
}

/// <summary><c>name: x</c>: the text x matched is captured under name.</summary>
internal sealed class CapturePattern(Location location, string name, Pattern operand) : Pattern(location)
{
    public string Name { get; } = name;
    public Pattern Operand { get; } = operand;
    public override IEnumerable<Pattern> Children => new[] { Operand };
    public override string ToString() => $"{Name}: {Operand}";
}

/// <summary>A phrase of a lexicon or pattern, as written (normalised and tokenised by the matcher). <c>*</c> is one arbitrary token.</summary>
internal sealed record Phrase(string Text, Location Location)
{
    /// <summary>The phrase split on white space; a part "*" is a one-token gap.</summary>
    public IReadOnlyList<string> Parts { get; } = Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A named set of phrases shared by every rule of a rule set.</summary>
internal sealed class Lexicon(string name, Location location)
{
    public string Name { get; } = name;
    public Location Location { get; } = location;
    /// <summary>All phrases, including those of included lexicons, without duplicates.</summary>
    public IReadOnlyList<Phrase> Phrases { get; internal set; } = Array.Empty<Phrase>();
}
