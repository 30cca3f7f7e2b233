namespace PolicyRules.Documents;

/// <summary>
/// Irregular English word forms that Porter2 cannot reduce ("sold" is not "sell" to a suffix
/// stripper): each maps to its base form, which is then stemmed as usual, so a lexicon entry
/// "sell" also matches "sold", and "keep" matches "kept". Only forms that occur in policies and
/// terms and have no other common reading are listed (no "left", "lay", "fell").
/// </summary>
internal static class IrregularForms
{
    private static readonly Dictionary<string, string> Base = Build(
        "sold:sell", "kept:keep", "held:hold", "withheld:withhold", "sent:send", "made:make", "gave:give", "given:give",
        "took:take", "taken:take", "undertook:undertake", "undertaken:undertake", "got:get", "gotten:get", "bought:buy",
        "brought:bring", "told:tell", "shown:show", "knew:know", "known:know", "wrote:write", "written:write",
        "rewrote:rewrite", "rewritten:rewrite", "chose:choose", "chosen:choose", "withdrew:withdraw", "withdrawn:withdraw",
        "paid:pay", "prepaid:prepay", "built:build", "found:find", "ran:run", "began:begin", "begun:begin",
        "became:become", "sought:seek", "thought:think", "understood:understand", "forgot:forget", "forgotten:forget",
        "led:lead", "lost:lose", "meant:mean", "met:meet", "said:say", "saw:see", "seen:see", "spent:spend",
        "stood:stand", "taught:teach", "dealt:deal", "drew:draw", "drawn:draw", "drove:drive", "driven:drive",
        "forbade:forbid", "forbidden:forbid", "arose:arise", "arisen:arise", "bound:bind", "hid:hide", "hidden:hide",
        "overrode:override", "overridden:override", "oversaw:oversee", "overseen:oversee", "underwent:undergo",
        "undergone:undergo", "broke:break", "broken:break", "froze:freeze", "frozen:freeze", "spoke:speak",
        "spoken:speak", "stole:steal", "stolen:steal", "won:win", "sped:speed", "fed:feed", "bore:bear", "borne:bear",
        "forwent:forgo", "forgone:forgo", "misled:mislead", "mistook:mistake", "mistaken:mistake",
        "children:child", "people:person", "analyses:analysis", "criteria:criterion",
        // Porter2 undoubles "add-ed" to "ad", the stem of "ads": these are "add"
        "added:add", "adding:add");

    /// <summary>The stem of a folded (lower-case) word: Porter2 of its base form when it is irregular, else of the word.</summary>
    public static string Stem(string folded) =>
        Whole.Contains(folded) ? folded : EnglishStemmer.Stem(Base.TryGetValue(folded, out var baseForm) ? baseForm : folded);

    // Words Porter2 would reduce onto a word of another meaning: "collectively" and "collective" to
    // "collect" ("(collectively, 'we')" is not "we collect"). They are their own stem.
    private static readonly HashSet<string> Whole = new(StringComparer.Ordinal) { "collective", "collectively" };

    /// <summary>Every irregular form with its base form, for the documentation and tests.</summary>
    public static IReadOnlyDictionary<string, string> All => Base;

    private static Dictionary<string, string> Build(params string[] pairs)
    {
        var map = new Dictionary<string, string>(pairs.Length, StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var colon = pair.IndexOf(':');
            map.Add(pair[..colon], pair[(colon + 1)..]);
        }
        return map;
    }
}
