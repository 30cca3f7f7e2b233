using PolicyRules.Binding;

namespace PolicyRules.Summaries;

/// <summary>The areas of the taxonomy as a reader sees them in a document summary.</summary>
public static class Areas
{
    private static readonly Dictionary<string, (string Title, string None)> Names = new(StringComparer.Ordinal)
    {
        ["training"] = ("Training on user content", "No provision on training models with user content was found."),
        ["retention"] = ("Data retention", "No provision on how long data is kept was found."),
        ["disputes"] = ("Disputes", "No arbitration, governing-law or venue clause was found."),
        ["liability"] = ("Liability and warranties", "No limitation of liability, warranty disclaimer or indemnity was found."),
        ["changes"] = ("Changes to the terms", "No provision on changing the terms was found."),
        ["acceptance"] = ("Acceptance", "No provision on how the terms are accepted was found."),
        ["content"] = ("Content and outputs", "No provision on licences to content, ownership of outputs or content removal was found."),
        ["termination"] = ("Suspension and termination", "No provision on suspending or terminating accounts was found."),
        ["sharing"] = ("Sharing of personal data", "No provision on sharing or selling personal data was found."),
        ["use"] = ("Use of personal data", "No provision on advertising or inferences was found."),
        ["controller"] = ("Data controller", "No provision naming the data controller by region was found."),
        ["transfers"] = ("International transfers", "No provision on international data transfers was found."),
        ["rights"] = ("User rights", "No provision on deleting, accessing or objecting to the use of data was found."),
        ["children"] = ("Children", "No minimum age was found."),
        ["security"] = ("Security", "No provision on notifying users of security breaches was found."),
    };

    /// <summary>The reader's title of a taxonomy area (e.g. <c>training</c> → "Training on user content"); other names as they are.</summary>
    public static string Title(string area) => Names.TryGetValue(area, out var n) ? n.Title : area;
    /// <summary>The sentence a summary shows for an area in which nothing was found.</summary>
    public static string NoneFound(string area) => Names.TryGetValue(area, out var n) ? n.None : $"No {area} provision was found.";

    /// <summary>Taxonomy areas first, in taxonomy order, then any other category a rule declares.</summary>
    public static IReadOnlyList<string> Ordered(IEnumerable<string> extra) =>
        Taxonomy.Areas.Concat(extra.Where(a => !Taxonomy.Areas.Contains(a)).Distinct().OrderBy(a => a, StringComparer.Ordinal)).ToList();
}
